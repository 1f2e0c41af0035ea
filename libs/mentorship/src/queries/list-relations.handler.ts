import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { epochSeconds } from '@app/accounts';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { loadParties, presentRelation, type RelationView } from '../http/relation.presenter';
import { ListRelationsQuery } from './list-relations.query';

/** The caller's relations: those as mentor, then those as mentee, each by id (the reference's order). */
export async function relationsOf(
  em: EntityManager,
  userId: number,
  where: FilterQuery<MentorshipRelation> = {},
): Promise<MentorshipRelation[]> {
  const relations = await em.find(
    MentorshipRelation,
    { $and: [{ $or: [{ mentorId: userId }, { menteeId: userId }] }, where] } as FilterQuery<MentorshipRelation>,
    { orderBy: { id: 'asc' } },
  );
  return [
    ...relations.filter((relation) => relation.mentorId === userId),
    ...relations.filter((relation) => relation.mentorId !== userId),
  ];
}

@QueryHandler(ListRelationsQuery)
export class ListRelationsHandler implements IQueryHandler<ListRelationsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, listing, state }: ListRelationsQuery): Promise<RelationView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const now = epochSeconds();
    const where: FilterQuery<MentorshipRelation> =
      listing === 'past'
        ? { endDate: { $lt: now } }
        : listing === 'pending'
          ? { state: RelationState.PENDING, endDate: { $gt: now } }
          : state === undefined
            ? {}
            : { state };
    const relations = await relationsOf(em, userId, where);
    const parties = await loadParties(em, relations);
    return relations.map((relation) => presentRelation(relation, userId, parties));
  }
}
