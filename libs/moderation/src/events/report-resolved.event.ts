import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import type { ReportOutcome } from '../domain/report.rules';
import { type ReportFacts, reportTarget } from './report-facts';

export interface ReportResolution extends ReportFacts {
  outcome: ReportOutcome;
  /** suspend only: the suspension's length in days; null: for good (or another outcome). */
  suspendedDays: number | null;
  /** The admin's note (their words, for the audit log). */
  note: string | null;
  resolvedBy: number;
}

/** An admin resolved a report: dismissed, content hidden or account suspended. Audited with the note. */
@DomainEventType('moderation.report_resolved')
export class ReportResolved extends DomainEvent<ReportResolution> {
  override auditFacts(): AuditFacts {
    const { outcome, suspendedDays, note } = this.payload;
    return reportTarget(this.payload, { outcome, suspendedDays, note });
  }

  override orderingKey(): string {
    return `report:${this.payload.reportId}`;
  }
}
