import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /mentorship_relation/{relation_id}/task/{task_id}: a new description (beyond the reference). */
export class UpdateTaskCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly taskNumber: number,
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
