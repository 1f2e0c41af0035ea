import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { relationOfParty } from '../domain/relations';
import { proposedEndDateError } from '../domain/proposal.rules';
import { proposalFacts } from '../domain/proposals';
import { RelationProposal } from '../domain/relation-proposal.entity';
import { RelationState } from '../domain/relation-state';
import { ProposalMade } from '../events/proposal-made.event';
import { MakeProposalCommand } from './make-proposal.command';

@CommandHandler(MakeProposalCommand)
export class MakeProposalHandler implements ICommandHandler<MakeProposalCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, kind, endDate, call }: MakeProposalCommand): Promise<RelationProposal> {
    const callerId = call.actorId!;
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        await requireLiveCaller(em, callerId);
        // The row lock makes proposals of one relation take turns: the second one sees the first.
        const relation = await relationOfParty(em, relationId, callerId, LockMode.PESSIMISTIC_WRITE);
        if (relation.state !== RelationState.ACCEPTED)
          throw new ApiError(409, Messages.PROPOSALS_NEED_ACCEPTED_RELATION);
        if (await em.count(RelationProposal, { relationId: relation.id, state: 'open' })) {
          throw new ApiError(409, Messages.PROPOSAL_ALREADY_OPEN);
        }
        const now = epochSeconds();
        if (kind === 'change_end_date') {
          const error = proposedEndDateError(endDate!, relation.endDate, now);
          if (error) throw new ApiError(400, error);
        }
        const proposal = em.create(RelationProposal, {
          relationId: relation.id,
          proposerId: callerId,
          kind,
          endDate: kind === 'change_end_date' ? endDate : null,
          state: 'open',
          createdAt: now,
          decidedAt: null,
        });
        await em.flush();
        tx.record(new ProposalMade(proposalFacts(proposal, relation), eventMeta(call)));
        return proposal;
      });
    } catch (error) {
      // The partial unique index is the last word on "one open proposal per relation".
      if (
        error instanceof UniqueConstraintViolationException &&
        /relation_proposals_one_open_idx/.test(error.message)
      ) {
        throw new ApiError(409, Messages.PROPOSAL_ALREADY_OPEN);
      }
      throw error;
    }
  }
}
