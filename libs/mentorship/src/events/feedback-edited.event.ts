import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type FeedbackFacts, feedbackTarget } from './feedback-facts';

/** The author edited their feedback within the window (nobody is emailed again). */
@DomainEventType('mentorship.feedback_edited')
export class FeedbackEdited extends DomainEvent<FeedbackFacts & { previousRating: number }> {
  override auditFacts(): AuditFacts {
    return feedbackTarget(this.payload, { previousRating: this.payload.previousRating });
  }
}
