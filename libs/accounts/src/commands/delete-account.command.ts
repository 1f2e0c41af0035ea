import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** DELETE /user: anonymises the caller's account and revokes its sessions. */
export class DeleteAccountCommand extends Command<void> {
  constructor(readonly call: CallContext) {
    super();
  }
}
