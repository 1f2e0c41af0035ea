import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { presentRelation, type RelationView } from '../http/relation.presenter';
import { GetCurrentRelationQuery } from './get-current-relation.query';
import { relationsWithParties } from './relation-read-model';

@QueryHandler(GetCurrentRelationQuery)
export class GetCurrentRelationHandler implements IQueryHandler<GetCurrentRelationQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetCurrentRelationQuery): Promise<RelationView | null> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const {
      relations: [relation],
      parties,
    } = await relationsWithParties(em, userId, { kind: 'state', state: RelationState.ACCEPTED });
    if (!relation) return null;
    return presentRelation(relation, userId, parties);
  }
}
