import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { requireLiveCaller, User } from '@app/accounts';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { relationOfParty } from '../domain/relations';
import { RelationFeedback } from '../domain/relation-feedback.entity';
import { type FeedbackView, partyNames, presentFeedback } from '../http/feedback.presenter';
import { ListRelationFeedbackQuery } from './list-relation-feedback.query';

@QueryHandler(ListRelationFeedbackQuery)
export class ListRelationFeedbackHandler implements IQueryHandler<ListRelationFeedbackQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, userId }: ListRelationFeedbackQuery): Promise<FeedbackView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const relation = await relationOfParty(em as SqlEntityManager, relationId, userId);
    const feedback = await em.find(RelationFeedback, { relationId: relation.id }, { orderBy: { id: 'asc' } });
    if (feedback.length === 0) return [];
    const parties = await em.find(User, { id: { $in: [relation.mentorId, relation.menteeId] } });
    const names = partyNames(parties);
    return feedback.map((entry) => presentFeedback(entry, names));
  }
}
