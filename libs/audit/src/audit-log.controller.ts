import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  CurrentUser,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { ListAuditEntriesQuery } from './list-audit-entries.query';

@ApiTags('admins')
@ApiAccessToken()
@Controller('admin')
export class AuditLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get('audit_log')
  @ApiOperation({
    summary: 'The audit log, newest first (admins only)',
    description:
      'Account events (registered, verified, logged in, login failed, logged out, password changed, deleted, admin ' +
      'granted or revoked, …) with actor, target, time (epoch seconds), request id and details; never a password ' +
      'or a token. Headers: X-Total-Count and Link (RFC 8288).',
  })
  @ApiQuery({ name: 'actor_id', required: false, description: 'user id of who acted' })
  @ApiQuery({ name: 'action', required: false, description: 'event type, e.g. accounts.login_failed' })
  @ApiQuery({ name: 'since', required: false, description: 'from this time on (epoch seconds or ISO-8601)' })
  @ApiQuery({ name: 'until', required: false, description: 'before this time (epoch seconds or ISO-8601)' })
  @ApiQuery({ name: 'page', required: false, description: 'from 1 (default 1)' })
  @ApiQuery({ name: 'per_page', required: false, description: '1–100 (default 20)' })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        example: {
          id: 1,
          event_id: '0b9f…',
          action: 'accounts.user_logged_in',
          actor_id: 2,
          target_type: 'user',
          target_id: '2',
          request_id: '5f1c…',
          occurred_at: 1796000000.123,
          details: { sessionId: '…', clientAddress: '127.0.0.1' },
        },
      },
    },
  })
  @ApiMessage(400, 'The actor_id query parameter is invalid.')
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  async list(
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListAuditEntriesQuery(user.id, params));
    setPaginationHeaders(request, reply, page);
    return page.entries;
  }
}
