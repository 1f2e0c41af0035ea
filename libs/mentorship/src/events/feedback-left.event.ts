import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type FeedbackFacts, feedbackTarget } from './feedback-facts';

/** A party left feedback on a COMPLETED relation; the rated party is emailed. */
@DomainEventType('mentorship.feedback_left')
export class FeedbackLeft extends DomainEvent<FeedbackFacts> {
  override auditFacts(): AuditFacts {
    return feedbackTarget(this.payload);
  }
}
