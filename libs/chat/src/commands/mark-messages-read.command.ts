import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /mentorship_relation/{request_id}/messages/read: the caller's receipt, now (null: no messages). */
export class MarkMessagesReadCommand extends Command<number | null> {
  constructor(
    readonly relationId: number,
    /** Read up to this message id; null: the newest. */
    readonly upTo: number | null,
    readonly call: CallContext,
  ) {
    super();
  }
}
