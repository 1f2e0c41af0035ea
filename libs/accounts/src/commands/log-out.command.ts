import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /logout: revokes the caller's session. */
export class LogOutCommand extends Command<void> {
  constructor(
    readonly sessionId: string | undefined,
    readonly call: CallContext,
  ) {
    super();
  }
}
