import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ProposalFacts, proposalTarget } from './proposal-facts';

/** The proposer withdrew an open proposal; the other party is emailed. */
@DomainEventType('mentorship.proposal_withdrawn')
export class ProposalWithdrawn extends DomainEvent<ProposalFacts> {
  override auditFacts(): AuditFacts {
    return proposalTarget(this.payload);
  }
}
