import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requireLiveAdmin } from '@app/accounts';
import { eventMeta, UnitOfWork } from '@app/platform';
import { feedbackFacts } from '../domain/feedback.rules';
import { TestimonialShown } from '../events/testimonial-shown.event';
import { lockTestimonial } from '../domain/testimonials';
import { ShowTestimonialCommand } from './show-testimonial.command';

/** An admin puts a hidden testimonial back on the profile; audited. A shown one stays as it is. */
@CommandHandler(ShowTestimonialCommand)
export class ShowTestimonialHandler implements ICommandHandler<ShowTestimonialCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ feedbackId, call }: ShowTestimonialCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      await requireLiveAdmin(tx.em, call.actorId);
      const feedback = await lockTestimonial(tx.em, feedbackId);
      if (feedback.hiddenAt === null) return;
      feedback.hiddenAt = null;
      feedback.hiddenBy = null;
      feedback.hiddenReason = null;
      tx.record(new TestimonialShown(feedbackFacts(feedback), eventMeta(call)));
    });
  }
}
