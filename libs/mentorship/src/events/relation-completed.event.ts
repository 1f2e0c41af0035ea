import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/**
 * An ACCEPTED relation became COMPLETED; both parties are told. `reason` is absent on events
 * recorded before early completion existed: those reached their end date.
 */
@DomainEventType('mentorship.relation_completed')
export class RelationCompleted extends DomainEvent<RelationFacts & { reason?: 'end_date' | 'agreed_early' }> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload, { reason: this.payload.reason ?? 'end_date' });
  }
}
