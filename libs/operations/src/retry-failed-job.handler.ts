import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { ApiError, eventMeta, JobQueues, Messages, ParkedEvents, UnitOfWork } from '@app/platform';
import { requireLiveAdmin } from '@app/accounts';
import { FailedJobRetried } from './failed-job-retried.event';
import { RetryFailedJobCommand } from './retry-failed-job.command';

const PARKED_PREFIX = 'outbox.';

/**
 * A parked outbox event goes back in line in one transaction with the audit event; a failed
 * BullMQ job is moved back to waiting, then the audit event is recorded.
 */
@CommandHandler(RetryFailedJobCommand)
export class RetryFailedJobHandler implements ICommandHandler<RetryFailedJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobQueues,
    private readonly parked: ParkedEvents,
  ) {}

  async execute({ jobId, call }: RetryFailedJobCommand): Promise<void> {
    if (jobId.startsWith(PARKED_PREFIX)) {
      await this.uow.run(async (tx) => {
        await requireLiveAdmin(tx.em, call.actorId);
        if (!(await this.parked.requeue(tx.em, jobId.slice(PARKED_PREFIX.length)))) {
          throw new ApiError(404, Messages.NO_SUCH_FAILED_JOB);
        }
        tx.record(new FailedJobRetried({ jobId, kind: 'outbox' }, eventMeta(call)));
      });
      return;
    }
    await requireLiveAdmin(this.em.fork(), call.actorId);
    const retried = await this.jobs.retryFailed(jobId).catch(() => {
      throw new ApiError(503, Messages.JOB_QUEUE_UNREACHABLE);
    });
    if (!retried) throw new ApiError(404, Messages.NO_SUCH_FAILED_JOB);
    await this.uow.run(async (tx) => {
      tx.record(new FailedJobRetried({ jobId, kind: 'queue' }, eventMeta(call)));
    });
  }
}
