import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}. */
export class ModifyCommentCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly commentId: number,
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
