import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /admin/testimonials/{feedback_id}/hide (admins only). */
export class HideTestimonialCommand extends Command<void> {
  constructor(
    readonly feedbackId: number,
    readonly reason: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
