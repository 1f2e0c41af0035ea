import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /admin/users/{user_id}/suspend: the account's end of suspension (null: for good). */
export class SuspendAccountCommand extends Command<{ until: Date | null }> {
  constructor(
    readonly userId: number,
    /** null: for good. */
    readonly days: number | null,
    /** As the body gave it (checked by the DTO; trimmed, blank → none, by the handler). */
    readonly reason: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
