import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /mentorship_relation/{relation_id}/task/{task_id}/reopen: undo a completion (beyond the reference). */
export class ReopenTaskCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
