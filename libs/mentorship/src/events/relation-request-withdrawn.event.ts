import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** A PENDING request was deleted (by its sender, or because an account was deleted); the other party is told. */
@DomainEventType('mentorship.relation_request_withdrawn')
export class RelationRequestWithdrawn extends DomainEvent<
  RelationFacts & { reason: 'deleted_by_sender' | 'account_deleted' }
> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload, { reason: this.payload.reason });
  }
}
