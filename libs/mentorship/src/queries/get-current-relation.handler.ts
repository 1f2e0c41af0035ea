import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { loadParties, presentRelation, type RelationView } from '../http/relation.presenter';
import { GetCurrentRelationQuery } from './get-current-relation.query';
import { relationsOf } from './list-relations.handler';

@QueryHandler(GetCurrentRelationQuery)
export class GetCurrentRelationHandler implements IQueryHandler<GetCurrentRelationQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetCurrentRelationQuery): Promise<RelationView | null> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const [relation] = await relationsOf(em, userId, { state: RelationState.ACCEPTED });
    if (!relation) return null;
    return presentRelation(relation, userId, await loadParties(em, [relation]));
  }
}
