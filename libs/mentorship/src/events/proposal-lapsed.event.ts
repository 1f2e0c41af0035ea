import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ProposalFacts, proposalTarget } from './proposal-facts';

/** The relation ended (cancelled, completed, a party deleted) while a proposal was open; nobody is emailed (the end has its own emails). */
@DomainEventType('mentorship.proposal_lapsed')
export class ProposalLapsed extends DomainEvent<ProposalFacts> {
  override auditFacts(): AuditFacts {
    return proposalTarget(this.payload);
  }
}
