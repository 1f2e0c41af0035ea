import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /mentorship_relation/{relation_id}/task/{task_id}/comment. */
export class CreateCommentCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
