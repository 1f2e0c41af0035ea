import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { requireLiveCaller } from '@app/accounts';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { relationOfParty } from '../domain/relations';
import { RelationProposal } from '../domain/relation-proposal.entity';
import { presentProposal, type ProposalView } from '../http/proposal.presenter';
import { ListProposalsQuery } from './list-proposals.query';

@QueryHandler(ListProposalsQuery)
export class ListProposalsHandler implements IQueryHandler<ListProposalsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, userId }: ListProposalsQuery): Promise<ProposalView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const relation = await relationOfParty(em as SqlEntityManager, relationId, userId);
    const proposals = await em.find(RelationProposal, { relationId: relation.id }, { orderBy: { id: 'desc' } });
    return proposals.map((proposal) => presentProposal(proposal, userId));
  }
}
