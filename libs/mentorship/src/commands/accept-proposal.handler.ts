import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { relationFacts, releaseMemberships } from '../domain/active-mentorships';
import { proposalToAnswer } from '../domain/proposal-access';
import { proposalFacts } from '../domain/proposals';
import type { RelationProposal } from '../domain/relation-proposal.entity';
import { RelationState } from '../domain/relation-state';
import { ProposalAccepted } from '../events/proposal-accepted.event';
import { RelationCompleted } from '../events/relation-completed.event';
import { AcceptProposalCommand } from './accept-proposal.command';

/**
 * The other party consents: a `complete` makes the relation COMPLETED at once (both parties freed
 * and emailed), a `change_end_date` moves its end date.
 */
@CommandHandler(AcceptProposalCommand)
export class AcceptProposalHandler implements ICommandHandler<AcceptProposalCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, proposalId, call }: AcceptProposalCommand): Promise<RelationProposal> {
    const callerId = call.actorId!;
    return this.uow.run(async (tx) => {
      const { em } = tx;
      await requireLiveCaller(em, callerId);
      const { relation, proposal } = await proposalToAnswer(em, relationId, proposalId, callerId, 'accept');
      // An open proposal belongs to an ACCEPTED relation (it lapses when the relation ends).
      if (relation.state !== RelationState.ACCEPTED) throw new ApiError(409, Messages.PROPOSAL_IS_NOT_OPEN);
      const now = epochSeconds();
      const meta = eventMeta(call);
      if (proposal.kind === 'change_end_date') {
        if (proposal.endDate! <= now) throw new ApiError(409, Messages.PROPOSAL_END_DATE_PASSED);
        proposal.state = 'accepted';
        proposal.decidedAt = now;
        // The facts carry the end date before the change.
        tx.record(new ProposalAccepted(proposalFacts(proposal, relation), meta));
        relation.endDate = proposal.endDate!;
        return proposal;
      }
      proposal.state = 'accepted';
      proposal.decidedAt = now;
      tx.record(new ProposalAccepted(proposalFacts(proposal, relation), meta));
      relation.state = RelationState.COMPLETED;
      relation.completedAt = now;
      await releaseMemberships(em, relation.id);
      tx.record(new RelationCompleted({ ...relationFacts(relation), reason: 'agreed_early' }, meta));
      return proposal;
    });
  }
}
