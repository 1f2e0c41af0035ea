import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { IssueLiveTicketCommand, type IssuedLiveTicket } from './issue-live-ticket.command';
import { LiveTicket } from './live-ticket.entity';
import { LIVE_TICKET_TTL_SECONDS, liveTicketHash, newLiveTicket } from './live-ticket.rules';

@CommandHandler(IssueLiveTicketCommand)
export class IssueLiveTicketHandler implements ICommandHandler<IssueLiveTicketCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ userId, sessionId }: IssueLiveTicketCommand): Promise<IssuedLiveTicket> {
    const ticket = newLiveTicket();
    await this.uow.run(async ({ em }) => {
      // Tickets nobody redeemed: swept here, a few at a time, instead of by a job.
      await em.execute(
        `delete from "live_tickets" where "token_hash" in
           (select "token_hash" from "live_tickets" where "expires_at" < now() limit 100)`,
      );
      em.persist(
        em.create(LiveTicket, {
          tokenHash: liveTicketHash(ticket),
          userId,
          sessionId: sessionId ?? null,
          expiresAt: new Date(Date.now() + LIVE_TICKET_TTL_SECONDS * 1000),
        }),
      );
    });
    return { ticket, expires_in: LIVE_TICKET_TTL_SECONDS };
  }
}
