import type { Report } from '../domain/report.entity';

/** A report as its reporter sees it (the answer of POST /reports). */
export function presentReport(report: Report) {
  return {
    id: report.id,
    target_type: report.targetType,
    target_id: report.targetId,
    relation_id: report.relationId,
    reason: report.reason,
    details: report.details,
    state: report.state,
    created_at: report.createdAt,
  };
}

/** A report as admins see it (GET /admin/reports, POST /admin/reports/{id}/resolve). */
export function presentAdminReport(report: Report) {
  return {
    ...presentReport(report),
    reporter_id: report.reporterId,
    target_user_id: report.targetUserId,
    outcome: report.outcome,
    suspended_days: report.suspendedDays,
    resolution_note: report.resolutionNote,
    resolved_by: report.resolvedBy,
    resolved_at: report.resolvedAt,
  };
}

export type ReportView = ReturnType<typeof presentReport>;
export type AdminReportView = ReturnType<typeof presentAdminReport>;

export interface AdminReportPage {
  reports: AdminReportView[];
  /** null: more than the bounded count (no X-Total-Count). */
  total: number | null;
  page: number;
  perPage: number;
}
