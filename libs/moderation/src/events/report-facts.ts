import type { AuditFacts } from '@app/platform';
import type { Report } from '../domain/report.entity';
import type { ReportReason, ReportTargetType } from '../domain/report.rules';

/** What every report event carries: ids and kinds, never the report's free text. */
export interface ReportFacts {
  reportId: number;
  reporterId: number;
  targetType: ReportTargetType;
  /** A user's, comment's or chat message's id; a task's number within relationId. */
  targetId: number;
  relationId: number | null;
  /** The reported user, or the author of the reported content. */
  targetUserId: number | null;
  reason: ReportReason;
}

export const reportFacts = (report: Report): ReportFacts => ({
  reportId: report.id,
  reporterId: report.reporterId,
  targetType: report.targetType,
  targetId: report.targetId,
  relationId: report.relationId,
  targetUserId: report.targetUserId,
  reason: report.reason,
});

/** Audit facts of a report event: the report is the target; what it is about goes in the details. */
export const reportTarget = (facts: ReportFacts, details: Record<string, unknown> = {}): AuditFacts => ({
  targetType: 'report',
  targetId: facts.reportId,
  details: {
    reporterId: facts.reporterId,
    reportedType: facts.targetType,
    reportedId: facts.targetId,
    relationId: facts.relationId,
    targetUserId: facts.targetUserId,
    reason: facts.reason,
    ...details,
  },
});
