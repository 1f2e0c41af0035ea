import { Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccessToken, ApiMessage, type AuthenticatedUser, CurrentUser, Messages, Public } from '@app/platform';
import { IssueLiveTicketCommand } from './issue-live-ticket.command';
import { LIVE_TICKET_TTL_SECONDS } from './live-ticket.rules';
import { LiveStreamGuard } from './live-stream.guard';
import { LiveStreams } from './live-streams';
import { resumeAfter } from './sse';

class LiveTicketDoc {
  @ApiProperty({ description: 'Single use: GET /events?ticket=<this>', example: 'kP3x9dV2mQ7...' })
  ticket!: string;

  @ApiProperty({ description: 'Seconds it can be redeemed', example: LIVE_TICKET_TTL_SECONDS })
  expires_in!: number;
}

/** The head of every stream (the request id, set by the onRequest hook, goes too). */
const STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * The caller's live stream (Server-Sent Events): new notifications and chat messages as they
 * happen, on whichever replica they were created.
 */
@ApiTags('live')
@Controller('events')
export class EventsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: LiveStreams,
  ) {}

  @Get()
  @Public()
  @UseGuards(LiveStreamGuard)
  @ApiOperation({
    summary: 'The caller’s live events as Server-Sent Events (notifications, chat messages)',
    description:
      'Authenticated by the access token in the Authorization header, or by `?ticket=` from POST /events/ticket ' +
      '(for EventSource, which cannot send headers). The stream starts with `retry: 3000`; each event is ' +
      '`event: notification` (with `id:` the notification id and the notification as GET /notifications shows it) ' +
      'or `event: chat_message` (the message as its recipient sees it, no id); `: ping` comments every 20 s. ' +
      'On reconnect, the notifications after the Last-Event-ID header (or `last_event_id` query parameter) are sent ' +
      'first. When the session is revoked (logout, password change or reset, account deletion, refresh-token ' +
      'reuse) a last `event: session_revoked` is sent and the stream ends.',
  })
  @ApiAccessToken()
  @ApiQuery({ name: 'ticket', required: false, description: 'A ticket from POST /events/ticket (single use)' })
  @ApiQuery({ name: 'last_event_id', required: false, description: 'Resume after this notification id' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this notification id' })
  @ApiOkResponse({
    description: 'The stream (text/event-stream), open until the client leaves or the session ends',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'retry: 3000\n\n' } } },
  })
  @ApiMessage(401, Messages.LIVE_TICKET_INVALID)
  async stream(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest<{ Querystring: Record<string, unknown> }>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = resumeAfter(request.headers['last-event-id'], request.query?.last_event_id);
    reply.hijack();
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = value;
    }
    reply.raw.writeHead(200, { ...headers, ...STREAM_HEADERS });
    // HEAD (which Fastify answers for every GET route) gets the head only: no stream is held open for it.
    if (request.method === 'HEAD') {
      reply.raw.end();
      return;
    }
    reply.raw.flushHeaders();
    await this.streams.start(user, reply.raw, after);
  }

  @Post('ticket')
  @HttpCode(201)
  @ApiOperation({
    summary: 'A single-use ticket to open the live stream with EventSource (GET /events?ticket=...)',
    description: `Valid for ${LIVE_TICKET_TTL_SECONDS} s, once; the stream it opens belongs to this token's session.`,
  })
  @ApiAccessToken()
  @ApiCreatedResponse({ type: LiveTicketDoc })
  ticket(@CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new IssueLiveTicketCommand(user.id, user.sessionId));
  }
}
