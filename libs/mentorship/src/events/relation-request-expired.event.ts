import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/**
 * A request was still PENDING after REQUEST_EXPIRES_AFTER (or at its end date): the job closed it
 * (state REJECTED, `expired: true`); the sender is told by email.
 */
@DomainEventType('mentorship.relation_request_expired')
export class RelationRequestExpired extends DomainEvent<RelationFacts> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
