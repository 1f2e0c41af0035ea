import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { eventMeta, UnitOfWork } from '@app/platform';
import { proposalToAnswer } from '../domain/proposal-access';
import { proposalFacts } from '../domain/proposals';
import type { RelationProposal } from '../domain/relation-proposal.entity';
import { ProposalDeclined } from '../events/proposal-declined.event';
import { DeclineProposalCommand } from './decline-proposal.command';

/** The other party refuses; the relation stays as it is and the proposer is emailed. */
@CommandHandler(DeclineProposalCommand)
export class DeclineProposalHandler implements ICommandHandler<DeclineProposalCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, proposalId, call }: DeclineProposalCommand): Promise<RelationProposal> {
    const callerId = call.actorId!;
    return this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, callerId);
      const { relation, proposal } = await proposalToAnswer(tx.em, relationId, proposalId, callerId, 'decline');
      proposal.state = 'declined';
      proposal.decidedAt = epochSeconds();
      tx.record(new ProposalDeclined(proposalFacts(proposal, relation), eventMeta(call)));
      return proposal;
    });
  }
}
