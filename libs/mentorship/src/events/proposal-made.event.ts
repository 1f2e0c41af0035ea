import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ProposalFacts, proposalTarget } from './proposal-facts';

/** A party of an ACCEPTED relation proposed to complete it now or to move its end date; the other party is emailed. */
@DomainEventType('mentorship.proposal_made')
export class ProposalMade extends DomainEvent<ProposalFacts> {
  override auditFacts(): AuditFacts {
    return proposalTarget(this.payload);
  }
}
