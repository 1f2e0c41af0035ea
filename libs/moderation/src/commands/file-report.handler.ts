import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { Report } from '../domain/report.entity';
import { selfReportError } from '../domain/report.rules';
import { findReportedTarget } from '../domain/report-targets';
import { reportFacts } from '../events/report-facts';
import { ReportFiled } from '../events/report-filed.event';
import { FileReportCommand } from './file-report.command';

/**
 * A member reports a target they can see: 404 when they cannot (the target's own text), 400 for
 * themselves or their own content, 409 while they already have an open report about it. One
 * transaction: the report and ReportFiled (the admins' email, the audit log).
 */
@CommandHandler(FileReportCommand)
export class FileReportHandler implements ICommandHandler<FileReportCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ input, call }: FileReportCommand): Promise<Report> {
    const reporterId = call.actorId!;
    try {
      return await this.uow.run(async (tx) => {
        const { em } = tx;
        await requireLiveCaller(em, reporterId);
        const target = await findReportedTarget(em, reporterId, input.targetType, input.targetId, input.relationId);
        const self = selfReportError(input.targetType, reporterId, target.targetUserId);
        if (self) throw new ApiError(400, self);
        const open = await em.count(Report, {
          reporterId,
          targetType: input.targetType,
          targetId: input.targetId,
          relationId: target.relationId,
          state: 'open',
        });
        if (open > 0) throw new ApiError(409, Messages.REPORT_ALREADY_OPEN);
        const report = em.create(Report, {
          reporterId,
          targetType: input.targetType,
          targetId: input.targetId,
          relationId: target.relationId,
          targetUserId: target.targetUserId,
          reason: input.reason,
          details: input.details,
          state: 'open',
          createdAt: epochSeconds(),
        });
        await em.flush();
        tx.record(new ReportFiled(reportFacts(report), eventMeta(call)));
        return report;
      });
    } catch (error) {
      // Two reports at once: the partial unique index keeps one open, the other is told as above.
      if (error instanceof UniqueConstraintViolationException && /reports_one_open_idx/.test(error.message)) {
        throw new ApiError(409, Messages.REPORT_ALREADY_OPEN);
      }
      throw error;
    }
  }
}
