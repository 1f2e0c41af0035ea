import { Command } from '@nestjs/cqrs';

export interface IssuedLiveTicket {
  ticket: string;
  expires_in: number;
}

/** POST /events/ticket: a single-use ticket that opens the caller's stream for the next minute. */
export class IssueLiveTicketCommand extends Command<IssuedLiveTicket> {
  constructor(
    readonly userId: number,
    readonly sessionId: string | undefined,
  ) {
    super();
  }
}
