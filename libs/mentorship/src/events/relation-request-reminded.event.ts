import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type RelationFacts, relationTarget } from './relation-facts';

/** A request had waited REQUEST_REMINDER_AFTER unanswered; its receiver is reminded once by email. */
@DomainEventType('mentorship.relation_request_reminded')
export class RelationRequestReminded extends DomainEvent<RelationFacts> {
  override auditFacts(): AuditFacts {
    return relationTarget(this.payload);
  }
}
