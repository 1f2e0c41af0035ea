import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /mentorship_relation/send_request. */
export class SendRequestCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
