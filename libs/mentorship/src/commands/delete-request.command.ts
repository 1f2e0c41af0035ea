import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /mentorship_relation/{request_id}: the sender withdraws a PENDING request. */
export class DeleteRequestCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
