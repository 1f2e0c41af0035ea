import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /users/{id}/block: the caller lifts their own block of the user (nobody else's). */
export class UnblockUserCommand extends Command<void> {
  constructor(
    readonly blockedId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
