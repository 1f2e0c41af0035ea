import { Module } from '@nestjs/common';
import { FailedJobRetried } from './failed-job-retried.event';
import { FailedJobsController } from './failed-jobs.controller';
import { ListFailedJobsHandler } from './list-failed-jobs.handler';
import { RetryFailedJobHandler } from './retry-failed-job.handler';

/**
 * What every process needs of this lib: its event classes, so a worker can rebuild and relay the
 * events an API recorded (the outbox stores their type name only).
 */
@Module({})
export class OperationsCoreModule {
  static readonly events = [FailedJobRetried];
}

/** The admins' view of the machinery: failed deliveries, and sending them back. The API only. */
@Module({
  imports: [OperationsCoreModule],
  controllers: [FailedJobsController],
  providers: [ListFailedJobsHandler, RetryFailedJobHandler],
})
export class OperationsModule {}
