import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /admin/testimonials/{feedback_id}/show (admins only). */
export class ShowTestimonialCommand extends Command<void> {
  constructor(
    readonly feedbackId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
