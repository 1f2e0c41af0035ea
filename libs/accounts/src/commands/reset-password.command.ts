import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /user/reset_password: sets a new password with an emailed token; every session is revoked. */
export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
