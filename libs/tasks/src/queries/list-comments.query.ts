import { Query } from '@nestjs/cqrs';
import type { CommentPage } from '../http/task.presenter';

/** GET /mentorship_relation/{relation_id}/task/{task_id}/comments/ (all, or one page when asked). */
export class ListCommentsQuery extends Query<CommentPage> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
