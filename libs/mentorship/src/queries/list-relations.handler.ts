import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { presentRelation, type RelationView } from '../http/relation.presenter';
import { ListRelationsQuery } from './list-relations.query';
import { type RelationFilter, relationsWithParties } from './relation-read-model';

@QueryHandler(ListRelationsQuery)
export class ListRelationsHandler implements IQueryHandler<ListRelationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, listing, state }: ListRelationsQuery): Promise<RelationView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const now = epochSeconds();
    const filter: RelationFilter =
      listing === 'past'
        ? { kind: 'past', now }
        : listing === 'pending'
          ? { kind: 'pending', now }
          : state === undefined
            ? { kind: 'all' }
            : { kind: 'state', state };
    const { relations, parties } = await relationsWithParties(em, userId, filter);
    return relations.map((relation) => presentRelation(relation, userId, parties));
  }
}
