import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ProposalFacts, proposalTarget } from './proposal-facts';

/** The other party declined a proposal; the proposer is emailed. */
@DomainEventType('mentorship.proposal_declined')
export class ProposalDeclined extends DomainEvent<ProposalFacts> {
  override auditFacts(): AuditFacts {
    return proposalTarget(this.payload);
  }
}
