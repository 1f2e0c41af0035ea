import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { FeedbackView } from '../http/feedback.presenter';

/** POST /mentorship_relation/{request_id}/feedback (the body checked by FeedbackBody). */
export class LeaveFeedbackCommand extends Command<FeedbackView> {
  constructor(
    readonly relationId: number,
    readonly rating: number,
    readonly testimonial: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
