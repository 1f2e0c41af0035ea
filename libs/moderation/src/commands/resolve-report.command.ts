import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { Report } from '../domain/report.entity';
import type { ReportOutcome } from '../domain/report.rules';

/** POST /admin/reports/{id}/resolve (a body the DTO has checked). */
export class ResolveReportCommand extends Command<Report> {
  constructor(
    readonly reportId: number,
    readonly outcome: ReportOutcome,
    /** suspend only: days; null: for good. */
    readonly days: number | null,
    /** Trimmed; null when absent or blank. */
    readonly note: string | null,
    readonly call: CallContext,
  ) {
    super();
  }
}
