import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, recordRatingChange, requireLiveCaller, User } from '@app/accounts';
import { type AppConfig, ApiError, eventMeta, InjectConfig, Messages, UnitOfWork } from '@app/platform';
import { cleanTestimonial, feedbackFacts, feedbackWindowError } from '../domain/feedback.rules';
import { RelationFeedback } from '../domain/relation-feedback.entity';
import { relationOfParty } from '../domain/relations';
import { FeedbackEdited } from '../events/feedback-edited.event';
import { type FeedbackView, partyNames, presentFeedback } from '../http/feedback.presenter';
import { EditFeedbackCommand } from './edit-feedback.command';

/**
 * The author replaces their rating and testimonial within the feedback window (no email). The
 * rated party's summary moves by the difference; a hidden testimonial stays hidden.
 */
@CommandHandler(EditFeedbackCommand)
export class EditFeedbackHandler implements ICommandHandler<EditFeedbackCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ relationId, rating, testimonial, call }: EditFeedbackCommand): Promise<FeedbackView> {
    const callerId = call.actorId!;
    const text = cleanTestimonial(testimonial);
    if ('error' in text) throw new ApiError(400, text.error);
    return this.uow.run(async (tx) => {
      const { em } = tx;
      await requireLiveCaller(em, callerId);
      const relation = await relationOfParty(em, relationId, callerId, LockMode.PESSIMISTIC_WRITE);
      const now = epochSeconds();
      const closed = feedbackWindowError(relation, now, this.config.feedbackWindowSeconds);
      if (closed) throw new ApiError(409, closed);
      const feedback = await em.findOne(RelationFeedback, { relationId: relation.id, authorId: callerId });
      if (!feedback) throw new ApiError(404, Messages.FEEDBACK_NOT_LEFT);
      const previousRating = feedback.rating;
      feedback.rating = rating;
      feedback.testimonial = text.text;
      feedback.updatedAt = now;
      await em.flush();
      await recordRatingChange(em, feedback.subjectId, feedback.subjectRole, 0, rating - previousRating);
      tx.record(new FeedbackEdited({ ...feedbackFacts(feedback), previousRating }, eventMeta(call)));
      const parties = await em.find(User, { id: { $in: [feedback.authorId, feedback.subjectId] } });
      return presentFeedback(feedback, partyNames(parties));
    });
  }
}
