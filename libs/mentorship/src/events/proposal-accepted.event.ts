import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ProposalFacts, proposalTarget } from './proposal-facts';

/** The other party accepted a proposal: the relation is COMPLETED (RelationCompleted follows) or has its new end date. */
@DomainEventType('mentorship.proposal_accepted')
export class ProposalAccepted extends DomainEvent<ProposalFacts> {
  override auditFacts(): AuditFacts {
    return proposalTarget(this.payload);
  }
}
