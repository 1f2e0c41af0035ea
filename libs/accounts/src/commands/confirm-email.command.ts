import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** GET /user/confirm_email/{token}; resolves to the success message. */
export class ConfirmEmailCommand extends Command<string> {
  constructor(
    readonly token: string,
    readonly call: CallContext,
  ) {
    super();
  }
}
