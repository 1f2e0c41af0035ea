import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type FeedbackFacts, feedbackTarget } from './feedback-facts';

/** An admin hid a testimonial from profiles (the rating still counts). */
@DomainEventType('mentorship.testimonial_hidden')
export class TestimonialHidden extends DomainEvent<FeedbackFacts & { reason: string | null }> {
  override auditFacts(): AuditFacts {
    return feedbackTarget(this.payload, { reason: this.payload.reason });
  }
}
