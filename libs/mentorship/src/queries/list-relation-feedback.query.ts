import { Query } from '@nestjs/cqrs';
import type { FeedbackView } from '../http/feedback.presenter';

/** GET /mentorship_relation/{request_id}/feedback: both parties' feedback (parties only). */
export class ListRelationFeedbackQuery extends Query<FeedbackView[]> {
  constructor(
    readonly relationId: number,
    readonly userId: number,
  ) {
    super();
  }
}
