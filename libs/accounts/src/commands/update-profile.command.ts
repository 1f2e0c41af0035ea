import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /user. */
export class UpdateProfileCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
