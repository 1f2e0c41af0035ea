import { Command } from '@nestjs/cqrs';

/** After an account was deleted: its ACCEPTED relation is cancelled and its PENDING requests are dropped. */
export class DetachDeletedUserCommand extends Command<void> {
  constructor(
    readonly userId: number,
    readonly requestId: string | null,
  ) {
    super();
  }
}
