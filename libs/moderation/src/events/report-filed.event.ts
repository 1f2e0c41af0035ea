import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type ReportFacts, reportTarget } from './report-facts';

/**
 * A member reported a user or a piece of content. Every live admin is emailed (the details are
 * read from the report at delivery, never carried here); audited.
 */
@DomainEventType('moderation.report_filed')
export class ReportFiled extends DomainEvent<ReportFacts> {
  override auditFacts(): AuditFacts {
    return reportTarget(this.payload);
  }

  override orderingKey(): string {
    return `report:${this.payload.reportId}`;
  }
}
