import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /mentorship_relation/{relation_id}/task. */
export class CreateTaskCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
