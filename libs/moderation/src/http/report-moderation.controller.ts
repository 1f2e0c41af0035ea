import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  formatMessage,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { LiveAdminGuard } from '@app/accounts';
import { ResolveReportCommand } from '../commands/resolve-report.command';
import { cleanText } from '../domain/report.rules';
import { ListReportsQuery } from '../queries/list-reports.query';
import { AdminReportDoc, ResolveReportBody } from './dto/report-bodies';
import { presentAdminReport } from './report.presenter';

/** Admins list the reports and resolve them (every step audited). */
@ApiTags('admins')
@ApiAccessToken()
@UseGuards(LiveAdminGuard)
@Controller('admin/reports')
export class ReportModerationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The reports, newest first (admins only)',
    description: 'Headers: X-Total-Count (when at most 1,000 or the page reaches past them) and Link (RFC 8288).',
  })
  @ApiQuery({ name: 'state', required: false, enum: ['open', 'resolved'], description: 'absent: every report' })
  @ApiQuery({ name: 'page', required: false, description: 'from 1 (default 1)' })
  @ApiQuery({ name: 'per_page', required: false, description: '1–100 (default 20)' })
  @ApiOkResponse({ type: [AdminReportDoc] })
  @ApiMessage(
    400,
    formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'state' }),
    formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'page' }),
    formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'per_page' }),
  )
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async list(
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListReportsQuery(user.id, params));
    setPaginationHeaders(request, reply, page);
    return page.reports;
  }

  @Post(':report_id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve an open report with an outcome (admins only)',
    description:
      'One transaction: dismiss changes nothing; hide_content hides the reported task, comment or chat message ' +
      '(it leaves the lists of both parties, and the task routes answer 404 for it; already gone: resolved all the ' +
      'same); suspend suspends the reported user, or the author of the reported content, for `days` days or for ' +
      'good (they cannot log in and every session ends; an admin cannot be suspended). Other open reports about ' +
      'the same target stay open: resolve each. Audited: moderation.report_resolved, moderation.content_hidden, ' +
      'accounts.account_suspended.',
  })
  @ApiBody({ type: ResolveReportBody })
  @ApiOkResponse({ type: AdminReportDoc, description: 'The report, resolved' })
  @ApiMessage(
    400,
    Messages.REPORT_OUTCOME_INVALID,
    Messages.REPORT_DAYS_NOT_ALLOWED,
    Messages.REPORT_DAYS_INVALID,
    Messages.REPORT_NOTE_INVALID,
    Messages.REPORT_NOTE_HAS_INVALID_CHARACTERS,
    Messages.ONLY_CONTENT_CAN_BE_HIDDEN,
  )
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.REPORT_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  @ApiMessage(409, Messages.REPORT_ALREADY_RESOLVED, Messages.ADMIN_CANNOT_BE_SUSPENDED)
  async resolve(
    @Param('report_id', FlaskIntPipe) reportId: number,
    @Body() body: ResolveReportBody,
    @Call() call: CallContext,
  ) {
    const report = await this.commands.execute(
      new ResolveReportCommand(
        reportId,
        body.outcome,
        body.outcome === 'suspend' ? (body.days ?? null) : null,
        cleanText(body.note),
        call,
      ),
    );
    return presentAdminReport(report);
  }
}
