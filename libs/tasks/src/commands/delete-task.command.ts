import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /mentorship_relation/{relation_id}/task/{task_id}. */
export class DeleteTaskCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
