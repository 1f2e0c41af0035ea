import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { Messages } from '@app/platform';
import {
  daysError,
  detailsError,
  MAX_DETAILS_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_SUSPENSION_DAYS,
  noteError,
  outcomeError,
  reasonError,
  relationIdError,
  REPORT_OUTCOMES,
  REPORT_REASONS,
  REPORT_STATES,
  REPORT_TARGET_TYPES,
  type ReportOutcome,
  type ReportReason,
  type ReportState,
  type ReportTargetType,
  targetIdError,
  targetTypeError,
} from '../../domain/report.rules';

/** A class-validator rule from a pure check of the value and its body, answering its text or null. */
const Check = (name: string, error: (value: unknown, body: Record<string, unknown>) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        error(value, (args?.object ?? {}) as Record<string, unknown>) === null,
      defaultMessage: (args?: ValidationArguments) =>
        (args && error(args.value, args.object as Record<string, unknown>)) ?? Messages.BAD_REQUEST,
    },
  });

/** POST /reports: the check (first failed rule → 400 naming the field) and the /docs schema. */
export class FileReportBody {
  @ApiProperty({ enum: REPORT_TARGET_TYPES, example: 'comment', description: 'what you report' })
  @Check('reportTargetType', targetTypeError)
  target_type: ReportTargetType;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 42,
    description:
      "user: the user's id; comment: the comment's id; chat_message: the message's id; task: the task's id as the " +
      'task routes show it (its number within relation_id)',
  })
  @Check('reportTargetId', targetIdError)
  target_id: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 7,
    description: "task only (required there, refused otherwise): the task's mentorship relation",
  })
  @Check('reportRelationId', (value, body) => relationIdError(body.target_type, value))
  relation_id?: number;

  @ApiProperty({ enum: REPORT_REASONS, example: 'harassment' })
  @Check('reportReason', reasonError)
  reason: ReportReason;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_DETAILS_LENGTH,
    nullable: true,
    example: 'Insults me in every comment.',
    description:
      "What happened, in your words: at most 2,000 characters (stored trimmed); required, not blank, when reason is 'other'",
  })
  @Check('reportDetails', (value, body) => detailsError(body.reason, value))
  details?: string | null;
}

/** POST /admin/reports/{report_id}/resolve. */
export class ResolveReportBody {
  @ApiProperty({
    enum: REPORT_OUTCOMES,
    example: 'suspend',
    description:
      'dismiss: nothing changes; hide_content: the reported task, comment or chat message leaves every list (not for ' +
      'a user); suspend: the reported user, or the content’s author, cannot log in and their sessions end',
  })
  @Check('reportOutcome', outcomeError)
  outcome: ReportOutcome;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_SUSPENSION_DAYS,
    example: 7,
    description: 'suspend only: for how many days (absent: for good)',
  })
  @Check('reportDays', (value, body) => daysError(body.outcome, value))
  days?: number | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_NOTE_LENGTH,
    nullable: true,
    example: 'Repeated insults; second warning.',
    description: 'Why (kept on the report and in the audit log; the reported member does not see it)',
  })
  @Check('reportNote', noteError)
  note?: string | null;
}

/** A report as its reporter sees it. */
export class ReportDoc {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ enum: REPORT_TARGET_TYPES }) target_type: ReportTargetType;
  @ApiProperty({ example: 42, description: "a task's number within relation_id; otherwise the target's id" })
  target_id: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'the mentorship relation of the reported task, comment or chat message; null for a user',
  })
  relation_id: number | null;
  @ApiProperty({ enum: REPORT_REASONS }) reason: ReportReason;
  @ApiProperty({ nullable: true, type: String }) details: string | null;
  @ApiProperty({ enum: REPORT_STATES, example: 'open' }) state: ReportState;
  @ApiProperty({ description: 'epoch seconds', example: 1796000000.123 }) created_at: number;
}

/** A report as admins see it. */
export class AdminReportDoc extends ReportDoc {
  @ApiProperty() reporter_id: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'the reported user, or the author of the reported content (whom suspend suspends)',
  })
  target_user_id: number | null;
  // OpenAPI 3.0: a nullable enum lists null among its values.
  @ApiProperty({ nullable: true, type: String, enum: [...REPORT_OUTCOMES, null], description: 'null while open' })
  outcome: ReportOutcome | null;
  @ApiProperty({ nullable: true, type: Number, description: 'suspend: days; null: for good, or another outcome' })
  suspended_days: number | null;
  @ApiProperty({ nullable: true, type: String }) resolution_note: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the admin who resolved it' }) resolved_by: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'epoch seconds' }) resolved_at: number | null;
}
