import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { requireLiveCaller } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationProposal } from '../domain/relation-proposal.entity';
import { presentProposal, type ProposalView } from '../http/proposal.presenter';
import { ListProposalsQuery } from './list-proposals.query';

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, userId }: ListProposalsQuery): Promise<ProposalView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const relation =
      Number.isSafeInteger(relationId) && relationId >= 1 && relationId <= 2_147_483_647
        ? await em.findOne(MentorshipRelation, { id: relationId })
        : null;
    // Missing, or not a party: the same 404, so outsiders learn nothing.
    if (!relation?.involves(userId)) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    const proposals = await em.find(RelationProposal, { relationId: relation.id }, { orderBy: { id: 'desc' } });
    return proposals.map((proposal) => presentProposal(proposal, userId));
  }
}
