import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, findLiveUserById, requireLiveAdmin, suspendAccount } from '@app/accounts';
import { ApiError, eventMeta, Messages, type TransactionContext, UnitOfWork } from '@app/platform';
import { MAX_ID, outcomeTargetError, suspensionEnd } from '../domain/report.rules';
import { Report } from '../domain/report.entity';
import { hideContent } from '../domain/report-targets';
import { ContentHidden } from '../events/content-hidden.event';
import { reportFacts } from '../events/report-facts';
import { ReportResolved } from '../events/report-resolved.event';
import { ResolveReportCommand } from './resolve-report.command';

/**
 * An admin resolves an open report, in one transaction: the report row locked (a second
 * resolution waits, then sees it resolved), the outcome applied, the report marked resolved,
 * ReportResolved recorded (and ContentHidden, or the accounts lib's AccountSuspended). Other open
 * reports about the same target stay open.
 */
@CommandHandler(ResolveReportCommand)
export class ResolveReportHandler implements ICommandHandler<ResolveReportCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ reportId, outcome, days, note, call }: ResolveReportCommand): Promise<Report> {
    return this.uow.run(async (tx) => {
      const admin = await requireLiveAdmin(tx.em, call.actorId);
      const report =
        Number.isSafeInteger(reportId) && reportId >= 1 && reportId <= MAX_ID
          ? await tx.em.findOne(Report, { id: reportId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
          : null;
      if (!report) throw new ApiError(404, Messages.REPORT_DOES_NOT_EXIST);
      if (report.state === 'resolved') throw new ApiError(409, Messages.REPORT_ALREADY_RESOLVED);
      const misfit = outcomeTargetError(report.targetType, outcome);
      if (misfit) throw new ApiError(400, misfit);

      const now = new Date();
      if (outcome === 'hide_content') await this.hide(tx, report, epochSeconds(now), call);
      if (outcome === 'suspend') await this.suspend(tx, report, days, note, now, call);

      report.state = 'resolved';
      report.outcome = outcome;
      report.suspendedDays = outcome === 'suspend' ? days : null;
      report.resolutionNote = note;
      report.resolvedBy = admin.id;
      report.resolvedAt = epochSeconds(now);
      tx.record(
        new ReportResolved(
          { ...reportFacts(report), outcome, suspendedDays: report.suspendedDays, note, resolvedBy: admin.id },
          eventMeta(call),
        ),
      );
      return report;
    });
  }

  /** Nothing to hide (deleted since, or hidden by another report's resolution): resolved all the same. */
  private async hide(tx: TransactionContext, report: Report, now: number, call: ResolveReportCommand['call']) {
    if (report.targetType === 'user') return;
    const { id, targetType, targetId, relationId } = report;
    const hidden = await hideContent(tx.em, { id, targetType, targetId, relationId }, now);
    if (hidden) tx.record(new ContentHidden(hidden, eventMeta(call)));
  }

  /** The reported user, or the content's author, through the accounts lib (sessions revoked there). */
  private async suspend(
    tx: TransactionContext,
    report: Report,
    days: number | null,
    note: string | null,
    now: Date,
    call: ResolveReportCommand['call'],
  ) {
    const user = report.targetUserId === null ? null : await findLiveUserById(tx.em, report.targetUserId);
    if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    const suspended = await suspendAccount(tx, user, suspensionEnd(days, now), {
      actorId: call.actorId!,
      reason: note,
      call,
    });
    tx.record(suspended);
  }
}
