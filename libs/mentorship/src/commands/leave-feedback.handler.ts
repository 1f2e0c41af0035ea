import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, recordRatingChange, requireLiveCaller, User } from '@app/accounts';
import { type AppConfig, ApiError, eventMeta, InjectConfig, Messages, UnitOfWork } from '@app/platform';
import { cleanTestimonial, feedbackFacts, feedbackSubject, feedbackWindowError } from '../domain/feedback.rules';
import { RelationFeedback } from '../domain/relation-feedback.entity';
import { relationOfParty } from '../domain/relations';
import { FeedbackLeft } from '../events/feedback-left.event';
import { type FeedbackView, partyNames, presentFeedback } from '../http/feedback.presenter';
import { LeaveFeedbackCommand } from './leave-feedback.command';

/**
 * A party rates the other one after a COMPLETED relation, once, within the feedback window. The
 * rated party's summary moves in the same transaction; FeedbackLeft emails them.
 */
@CommandHandler(LeaveFeedbackCommand)
export class LeaveFeedbackHandler implements ICommandHandler<LeaveFeedbackCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ relationId, rating, testimonial, call }: LeaveFeedbackCommand): Promise<FeedbackView> {
    const callerId = call.actorId!;
    const text = cleanTestimonial(testimonial);
    if ('error' in text) throw new ApiError(400, text.error);
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        await requireLiveCaller(em, callerId);
        // The row lock makes one relation's feedback take turns: a second POST sees the first.
        const relation = await relationOfParty(em, relationId, callerId, LockMode.PESSIMISTIC_WRITE);
        const now = epochSeconds();
        const closed = feedbackWindowError(relation, now, this.config.feedbackWindowSeconds);
        if (closed) throw new ApiError(409, closed);
        if (await em.count(RelationFeedback, { relationId: relation.id, authorId: callerId })) {
          throw new ApiError(409, Messages.FEEDBACK_ALREADY_LEFT);
        }
        const { subjectId, subjectRole } = feedbackSubject(relation, callerId);
        // Read under the relation's lock, which the deleted-account cleanup takes too: feedback
        // about an account deleted meanwhile is refused instead of outliving its cleanup.
        const parties = await em.find(User, { id: { $in: [callerId, subjectId] }, deletedAt: null });
        if (parties.length < 2) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
        const feedback = em.create(RelationFeedback, {
          relationId: relation.id,
          authorId: callerId,
          subjectId,
          subjectRole,
          rating,
          testimonial: text.text,
          createdAt: now,
          updatedAt: now,
          hiddenAt: null,
          hiddenBy: null,
          hiddenReason: null,
        });
        await em.flush();
        await recordRatingChange(em, subjectId, subjectRole, 1, rating);
        tx.record(new FeedbackLeft(feedbackFacts(feedback), eventMeta(call)));
        return presentFeedback(feedback, partyNames(parties));
      });
    } catch (error) {
      // The unique constraint is the last word on "one feedback per party and relation".
      if (
        error instanceof UniqueConstraintViolationException &&
        /relation_feedback_one_per_author/.test(error.message)
      ) {
        throw new ApiError(409, Messages.FEEDBACK_ALREADY_LEFT);
      }
      throw error;
    }
  }
}
