import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** An ACCEPTED relation reached its end date; both parties are told. */
@DomainEventType('mentorship.relation_completed')
export class RelationCompleted extends DomainEvent<RelationFacts> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
