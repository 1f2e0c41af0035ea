import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /user/resend_email. */
export class ResendVerificationEmailCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
