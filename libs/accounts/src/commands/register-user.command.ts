import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /register. The body is checked by the handler, in the reference's order. */
export class RegisterUserCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
