import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/**
 * A PENDING request was deleted (by its sender, because an account was deleted, or because one party
 * blocked the other: then the actor is the blocker); the other party is told, except a blocker.
 */
@DomainEventType('mentorship.relation_request_withdrawn')
export class RelationRequestWithdrawn extends DomainEvent<
  RelationFacts & { reason: 'deleted_by_sender' | 'account_deleted' | 'blocked' }
> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload, { reason: this.payload.reason });
  }
}
