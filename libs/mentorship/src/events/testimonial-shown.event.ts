import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type FeedbackFacts, feedbackTarget } from './feedback-facts';

/** An admin showed a hidden testimonial again. */
@DomainEventType('mentorship.testimonial_shown')
export class TestimonialShown extends DomainEvent<FeedbackFacts> {
  override auditFacts(): AuditFacts {
    return feedbackTarget(this.payload);
  }
}
