import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAccessToken, ApiMessage, Call, type CallContext, Messages } from '@app/platform';
import { FileReportCommand } from '../commands/file-report.command';
import { cleanText } from '../domain/report.rules';
import { FileReportBody, ReportDoc } from './dto/report-bodies';
import { presentReport } from './report.presenter';

/** Beyond the reference: members report a user, a task, a task comment or a chat message to the admins. */
@ApiTags('reports')
@ApiAccessToken()
@Controller()
export class ReportsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('reports')
  @ApiOperation({
    summary: 'Report a user, a task, a task comment or a chat message to the admins',
    description:
      'Content can be reported by the two parties of its mentorship relation only (in any state of the relation); ' +
      'anyone else gets the same 404 as for missing content. A task is named by relation_id and its id within it ' +
      '(target_id). Every admin is emailed at once. One open report per reporter and target: while yours is open, ' +
      'another about the same target is 409; once an admin resolves it you may report again. ' +
      'Admins resolve reports with POST /admin/reports/{report_id}/resolve.',
  })
  @ApiBody({ type: FileReportBody })
  @ApiCreatedResponse({ type: ReportDoc, description: 'The report, open' })
  @ApiMessage(
    400,
    Messages.REPORT_TARGET_TYPE_INVALID,
    Messages.REPORT_TARGET_ID_INVALID,
    Messages.REPORT_RELATION_ID_REQUIRED,
    Messages.REPORT_RELATION_ID_INVALID,
    Messages.REPORT_RELATION_ID_NOT_ALLOWED,
    Messages.REPORT_REASON_INVALID,
    Messages.REPORT_DETAILS_INVALID,
    Messages.REPORT_DETAILS_HAS_INVALID_CHARACTERS,
    Messages.REPORT_DETAILS_REQUIRED,
    Messages.CANNOT_REPORT_YOURSELF,
    Messages.CANNOT_REPORT_OWN_CONTENT,
  )
  @ApiMessage(
    404,
    Messages.USER_DOES_NOT_EXIST,
    Messages.TASK_DOES_NOT_EXIST,
    Messages.TASK_COMMENT_DOES_NOT_EXIST,
    Messages.CHAT_MESSAGE_DOES_NOT_EXIST,
  )
  @ApiMessage(409, Messages.REPORT_ALREADY_OPEN)
  async file(@Body() body: FileReportBody, @Call() call: CallContext) {
    const report = await this.commands.execute(
      new FileReportCommand(
        {
          targetType: body.target_type,
          targetId: body.target_id,
          relationId: body.target_type === 'task' ? body.relation_id! : null,
          reason: body.reason,
          details: cleanText(body.details),
        },
        call,
      ),
    );
    return presentReport(report);
  }
}
