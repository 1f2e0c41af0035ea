import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /user/forgot_password: emails a reset link when the account exists (same answer either way). */
export class RequestPasswordResetCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
