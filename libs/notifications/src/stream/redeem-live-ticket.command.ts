import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '@app/platform';

/** GET /events?ticket=...: uses the ticket up and answers whose stream it opens. */
export class RedeemLiveTicketCommand extends Command<AuthenticatedUser> {
  constructor(readonly ticket: unknown) {
    super();
  }
}
