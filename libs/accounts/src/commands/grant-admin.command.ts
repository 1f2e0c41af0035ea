import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /admin/new. */
export class GrantAdminCommand extends Command<void> {
  constructor(
    readonly body: unknown,
    readonly call: CallContext,
  ) {
    super();
  }
}
