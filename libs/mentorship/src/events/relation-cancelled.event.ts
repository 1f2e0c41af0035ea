import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** An ACCEPTED relation was cancelled (by a party, or because an account was deleted); the other party is told. */
@DomainEventType('mentorship.relation_cancelled')
export class RelationCancelled extends DomainEvent<
  RelationFacts & { reason: 'cancelled_by_party' | 'account_deleted' }
> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload, { reason: this.payload.reason });
  }
}
