import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { Report } from '../domain/report.entity';
import type { ReportReason, ReportTargetType } from '../domain/report.rules';

export interface ReportInput {
  targetType: ReportTargetType;
  targetId: number;
  /** A task's relation (the task is targetId there); null for other targets. */
  relationId: number | null;
  reason: ReportReason;
  /** Trimmed; null when absent or blank. */
  details: string | null;
}

/** POST /reports (a body the DTO has checked): the caller reports a user or a piece of content. */
export class FileReportCommand extends Command<Report> {
  constructor(
    readonly input: ReportInput,
    readonly call: CallContext,
  ) {
    super();
  }
}
