import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /admin/users/{user_id}/suspend. */
export class LiftSuspensionCommand extends Command<void> {
  constructor(
    readonly userId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
