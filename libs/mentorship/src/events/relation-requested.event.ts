import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** A request was sent (PENDING); the recipient is told by email. */
@DomainEventType('mentorship.relation_requested')
export class RelationRequested extends DomainEvent<RelationFacts & { notes: string }> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
