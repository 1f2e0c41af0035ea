import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /mentorship_relation/{relation_id}/task/{task_id}/complete. */
export class CompleteTaskCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
