import { type ExecutionContext, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiError, type AuthenticatedUser, Messages, tokenError } from '@app/platform';
import { LiveSessionCheck } from './live-session-check';
import { RedeemLiveTicketCommand } from './redeem-live-ticket.command';

type StreamRequest = FastifyRequest & { user?: AuthenticatedUser; query: Record<string, unknown> };

/**
 * GET /events (a @Public() route, so the global guard lets it through to this one): with a
 * `ticket` query parameter, the ticket alone decides (used up, whoever presents it); without one,
 * the access token in the Authorization header, with the app's usual 401s.
 */
@Injectable()
export class LiveStreamGuard extends AuthGuard('jwt') {
  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: LiveSessionCheck,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StreamRequest>();
    if (request.query?.ticket === undefined) return (await super.canActivate(context)) as boolean;
    const user = await this.commands.execute(new RedeemLiveTicketCommand(request.query.ticket));
    const state = await this.sessions.state(user);
    if (state === 'revoked') throw new ApiError(401, Messages.TOKEN_HAS_BEEN_REVOKED);
    if (state === 'gone') throw new ApiError(401, Messages.LIVE_TICKET_INVALID);
    request.user = user;
    return true;
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error || !user) throw tokenError(error, info);
    return user;
  }
}
