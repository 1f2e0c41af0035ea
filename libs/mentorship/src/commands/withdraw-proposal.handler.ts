import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { eventMeta, UnitOfWork } from '@app/platform';
import { proposalToAnswer } from '../domain/proposal-access';
import { proposalFacts } from '../domain/proposals';
import type { RelationProposal } from '../domain/relation-proposal.entity';
import { ProposalWithdrawn } from '../events/proposal-withdrawn.event';
import { WithdrawProposalCommand } from './withdraw-proposal.command';

/** The proposer takes it back; the other party is emailed. */
@CommandHandler(WithdrawProposalCommand)
export class WithdrawProposalHandler implements ICommandHandler<WithdrawProposalCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, proposalId, call }: WithdrawProposalCommand): Promise<RelationProposal> {
    const callerId = call.actorId!;
    return this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, callerId);
      const { relation, proposal } = await proposalToAnswer(tx.em, relationId, proposalId, callerId, 'withdraw');
      proposal.state = 'withdrawn';
      proposal.decidedAt = epochSeconds();
      tx.record(new ProposalWithdrawn(proposalFacts(proposal, relation), eventMeta(call)));
      return proposal;
    });
  }
}
