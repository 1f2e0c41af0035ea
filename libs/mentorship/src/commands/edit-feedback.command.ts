import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { FeedbackView } from '../http/feedback.presenter';

/** PUT /mentorship_relation/{request_id}/feedback: replaces the caller's rating and testimonial. */
export class EditFeedbackCommand extends Command<FeedbackView> {
  constructor(
    readonly relationId: number,
    readonly rating: number,
    readonly testimonial: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
