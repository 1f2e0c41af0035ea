import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /user/change_password: the caller's other sessions are revoked. */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly sessionId: string | undefined,
    readonly call: CallContext,
  ) {
    super();
  }
}
