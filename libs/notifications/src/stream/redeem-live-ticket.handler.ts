import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, type AuthenticatedUser, Messages, UnitOfWork } from '@app/platform';
import { RedeemLiveTicketCommand } from './redeem-live-ticket.command';
import { isLiveTicketShape, liveTicketHash } from './live-ticket.rules';

/**
 * Deletes the ticket's row and reads it in one statement: of two requests with the same ticket, on
 * any replicas, exactly one gets the row. An expired ticket is deleted too. Whether its session is
 * still open is the stream's first check (LiveStreamGuard).
 */
@CommandHandler(RedeemLiveTicketCommand)
export class RedeemLiveTicketHandler implements ICommandHandler<RedeemLiveTicketCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ ticket }: RedeemLiveTicketCommand): Promise<AuthenticatedUser> {
    if (!isLiveTicketShape(ticket)) throw new ApiError(401, Messages.LIVE_TICKET_INVALID);
    const [row] = await this.uow.run(({ em }) =>
      em.execute<Array<{ user_id: number; session_id: string | null; live: boolean }>>(
        `delete from "live_tickets" where "token_hash" = ?
         returning "user_id", "session_id", ("expires_at" > now()) as "live"`,
        [liveTicketHash(ticket)],
      ),
    );
    if (!row || !row.live) throw new ApiError(401, Messages.LIVE_TICKET_INVALID);
    return { id: Number(row.user_id), tokenId: 'live-ticket', sessionId: row.session_id ?? undefined };
  }
}
