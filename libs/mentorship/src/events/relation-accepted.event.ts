import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** The recipient accepted; the sender is told by email. */
@DomainEventType('mentorship.relation_accepted')
export class RelationAccepted extends DomainEvent<RelationFacts> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
