import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}. */
export class DeleteCommentCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly commentId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
