import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveAdmin } from '@app/accounts';
import { ApiError, eventMeta, UnitOfWork } from '@app/platform';
import { cleanHideReason, feedbackFacts } from '../domain/feedback.rules';
import { lockTestimonial } from '../domain/testimonials';
import { TestimonialHidden } from '../events/testimonial-hidden.event';
import { HideTestimonialCommand } from './hide-testimonial.command';

/**
 * An admin takes a testimonial off profiles (its rating still counts); audited. Hiding a hidden
 * one again changes nothing and records nothing.
 */
@CommandHandler(HideTestimonialCommand)
export class HideTestimonialHandler implements ICommandHandler<HideTestimonialCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ feedbackId, reason, call }: HideTestimonialCommand): Promise<void> {
    const cleaned = cleanHideReason(reason);
    if ('error' in cleaned) throw new ApiError(400, cleaned.error);
    await this.uow.run(async (tx) => {
      const admin = await requireLiveAdmin(tx.em, call.actorId);
      const feedback = await lockTestimonial(tx.em, feedbackId);
      if (feedback.hiddenAt !== null) return;
      feedback.hiddenAt = epochSeconds();
      feedback.hiddenBy = admin.id;
      feedback.hiddenReason = cleaned.text;
      tx.record(new TestimonialHidden({ ...feedbackFacts(feedback), reason: cleaned.text }, eventMeta(call)));
    });
  }
}
