import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { requireLiveCaller, User } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationFeedback } from '../domain/relation-feedback.entity';
import { type FeedbackView, partyNames, presentFeedback } from '../http/feedback.presenter';
import { ListRelationFeedbackQuery } from './list-relation-feedback.query';

@QueryHandler(ListRelationFeedbackQuery)
export class ListRelationFeedbackHandler implements IQueryHandler<ListRelationFeedbackQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, userId }: ListRelationFeedbackQuery): Promise<FeedbackView[]> {
    const em = this.em.fork();
    await requireLiveCaller(em, userId);
    const relation =
      Number.isSafeInteger(relationId) && relationId >= 1 && relationId <= 2_147_483_647
        ? await em.findOne(MentorshipRelation, { id: relationId })
        : null;
    // Missing, or not a party: the same 404, so outsiders learn nothing.
    if (!relation?.involves(userId)) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    const feedback = await em.find(RelationFeedback, { relationId: relation.id }, { orderBy: { id: 'asc' } });
    if (feedback.length === 0) return [];
    const parties = await em.find(User, { id: { $in: [relation.mentorId, relation.menteeId] } });
    const names = partyNames(parties);
    return feedback.map((entry) => presentFeedback(entry, names));
  }
}
