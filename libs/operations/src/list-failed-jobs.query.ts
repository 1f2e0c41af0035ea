import { Query } from '@nestjs/cqrs';
import type { FailedJobsPage } from './failed-job.view';

/** GET /admin/jobs/failed. */
export class ListFailedJobsQuery extends Query<FailedJobsPage> {
  constructor(
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
