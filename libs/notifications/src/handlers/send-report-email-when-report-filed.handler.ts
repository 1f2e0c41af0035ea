import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById, User } from '@app/accounts';
import { Report, ReportFiled } from '@app/moderation';
import {
  type AppConfig,
  DeliverThroughQueue,
  type DomainEventHandler,
  InjectConfig,
  Mailer,
  OnDomainEvent,
} from '@app/platform';
import { renderReportFiled } from '../templates/report-emails.template';
import { displayName } from './relation-parties';

/**
 * Every live admin but the reporter learns of a new report. An operational email: no setting, no
 * unsubscribe link. The report's free text is read at delivery (events never carry it).
 */
@DeliverThroughQueue('email')
@OnDomainEvent(ReportFiled)
export class SendReportEmailWhenReportFiled implements DomainEventHandler<ReportFiled> {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async handle({ payload }: ReportFiled): Promise<void> {
    const em = this.em.fork();
    const report = await em.findOne(Report, { id: payload.reportId });
    if (!report) return;
    const reporter = await findLiveUserById(em, report.reporterId);
    const admins = await em.find(
      User,
      { isAdmin: true, deletedAt: null, id: { $ne: report.reporterId } },
      { orderBy: { id: 'asc' } },
    );
    for (const admin of admins) {
      if (!admin.email) continue;
      const email = renderReportFiled({
        admin: displayName(admin) ?? 'admin',
        reporter: displayName(reporter),
        reporterId: report.reporterId,
        reportId: report.id,
        targetType: report.targetType,
        targetId: report.targetId,
        relationId: report.relationId,
        reason: report.reason,
        details: report.details,
        appUrl: this.config.appUrl,
      });
      await this.mailer.send({ to: admin.email, ...email });
    }
  }
}
