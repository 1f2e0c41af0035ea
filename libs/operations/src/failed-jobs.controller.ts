import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { FAILED_JOB_EXAMPLE } from './failed-job.view';
import { ListFailedJobsQuery } from './list-failed-jobs.query';
import { RetryFailedJobCommand } from './retry-failed-job.command';

@ApiTags('admins')
@ApiAccessToken()
@Controller('admin/jobs')
export class FailedJobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('failed')
  @ApiOperation({
    summary: 'Failed deliveries, newest first (admins only)',
    description:
      'BullMQ jobs that used up their attempts (with REDIS_URL: emails and task digests) and outbox events the ' +
      'relay parked after too many failed attempts. Each keeps what failed and why; POST /admin/jobs/{id}/retry ' +
      'sends it back. Headers: X-Total-Count and Link (RFC 8288).',
  })
  @ApiQuery({ name: 'page', required: false, description: 'from 1 (default 1)' })
  @ApiQuery({ name: 'per_page', required: false, description: '1–100 (default 20)' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', example: FAILED_JOB_EXAMPLE } } })
  @ApiMessage(400, 'The page query parameter is invalid.', 'The per_page query parameter is invalid.')
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  @ApiMessage(503, Messages.JOB_QUEUE_UNREACHABLE)
  async list(
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListFailedJobsQuery(user.id, params));
    setPaginationHeaders(request, reply, page);
    return page.jobs;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a failed delivery back (admins only)',
    description:
      'A failed job runs again with a fresh set of attempts; a parked event goes back to the relay (handlers ' +
      'that had succeeded are not run again). Audited.',
  })
  @ApiParam({ name: 'id', description: 'the id GET /admin/jobs/failed gave' })
  @ApiMessage(200, Messages.JOB_RETRIED)
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.NO_SUCH_FAILED_JOB, Messages.USER_DOES_NOT_EXIST)
  @ApiMessage(503, Messages.JOB_QUEUE_UNREACHABLE)
  async retry(@Param('id') id: string, @Call() call: CallContext) {
    await this.commands.execute(new RetryFailedJobCommand(id, call));
    return { message: Messages.JOB_RETRIED };
  }
}
