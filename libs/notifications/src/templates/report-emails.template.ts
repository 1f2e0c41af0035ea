import type { RenderedEmail } from './email-layout';
import { relationEmail } from './relation-emails.template';

export const REPORT_FILED_SUBJECT = 'Mentorship System - A new report to review';

export type ReportedKind = 'user' | 'task' | 'comment' | 'chat_message';

/** What was reported, in words: the target type and id (a task's id is its number in the relation). */
export function reportedThing(type: ReportedKind, id: number, relationId: number | null): string {
  switch (type) {
    case 'user':
      return `user #${id}`;
    case 'task':
      return `task #${id} of mentorship relation #${relationId}`;
    case 'comment':
      return `task comment #${id} in mentorship relation #${relationId}`;
    case 'chat_message':
      return `chat message #${id} in mentorship relation #${relationId}`;
  }
}

/**
 * To every admin when a member files a report: who reported what and why, the reporter's own words
 * (escaped in HTML by relationEmail), and where in the admin API to review and resolve it.
 */
export function renderReportFiled(input: {
  admin: string;
  reporter: string | null;
  reporterId: number;
  reportId: number;
  targetType: ReportedKind;
  targetId: number;
  relationId: number | null;
  reason: string;
  details: string | null;
  appUrl: string;
}): RenderedEmail {
  const reporter = input.reporter ? `${input.reporter} (user #${input.reporterId})` : `User #${input.reporterId}`;
  return relationEmail(REPORT_FILED_SUBJECT, [
    `Hi ${input.admin},`,
    `${reporter} reported ${reportedThing(input.targetType, input.targetId, input.relationId)}.`,
    `Reason: ${input.reason}.`,
    ...(input.details ? [`Their words: "${input.details}"`] : []),
    `Report #${input.reportId} is waiting for an admin. The open reports: GET ${input.appUrl}/admin/reports?state=open`,
    `Resolve it (dismiss, hide_content or suspend): POST ${input.appUrl}/admin/reports/${input.reportId}/resolve`,
  ]);
}
