import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** The recipient rejected; the sender is told by email. */
@DomainEventType('mentorship.relation_rejected')
export class RelationRejected extends DomainEvent<RelationFacts> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
