import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import {
  ApiError,
  type FailedJob,
  queryInteger,
  JobQueues,
  Messages,
  OUTBOX_DELIVERY_JOB,
  type OutboxRowSummary,
  type ParkedEvent,
  ParkedEvents,
} from '@app/platform';
import { requireLiveAdmin } from '@app/accounts';
import type { FailedJobsPage, FailedJobView } from './failed-job.view';
import { ListFailedJobsQuery } from './list-failed-jobs.query';

const MAX_PER_PAGE = 100;
/** How many of each source are looked at; a backlog of failures beyond this is a different problem. */
const SCAN_LIMIT = 1000;

function fromQueue(job: FailedJob, rows: Map<string, OutboxRowSummary>): FailedJobView {
  const row = job.name === OUTBOX_DELIVERY_JOB ? rows.get(String(job.data.outboxId)) : undefined;
  return {
    id: job.id,
    source: 'queue',
    queue: job.queue,
    job: job.name,
    event_type: row?.eventType ?? null,
    event_id: row?.eventId ?? null,
    handler: typeof job.data.handler === 'string' ? job.data.handler : null,
    attempts: job.attempts,
    error: job.error,
    failed_at: job.failedAt ? job.failedAt.getTime() / 1000 : null,
  };
}

function fromOutbox(event: ParkedEvent): FailedJobView {
  return {
    id: `outbox.${event.id}`,
    source: 'outbox',
    queue: null,
    job: null,
    event_type: event.eventType,
    event_id: event.eventId,
    handler: null,
    attempts: event.attempts,
    error: event.lastError,
    failed_at: event.parkedAt.getTime() / 1000,
  };
}

@QueryHandler(ListFailedJobsQuery)
export class ListFailedJobsHandler implements IQueryHandler<ListFailedJobsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly jobs: JobQueues,
    private readonly parked: ParkedEvents,
  ) {}

  async execute({ callerId, params }: ListFailedJobsQuery): Promise<FailedJobsPage> {
    await requireLiveAdmin(this.em.fork(), callerId);
    const page = queryInteger(params, 'page', 1, 1_000_000) ?? 1;
    const perPage = queryInteger(params, 'per_page', 1, MAX_PER_PAGE) ?? 20;
    const [queued, parked] = await Promise.all([
      this.jobs.listFailed(SCAN_LIMIT).catch(() => {
        throw new ApiError(503, Messages.JOB_QUEUE_UNREACHABLE);
      }),
      this.parked.list(SCAN_LIMIT),
    ]);
    const rows = await this.parked.summaries(
      queued.filter((job) => job.name === OUTBOX_DELIVERY_JOB).map((job) => String(job.data.outboxId)),
    );
    const all = [...queued.map((job) => fromQueue(job, rows)), ...parked.map(fromOutbox)].sort(
      (a, b) => (b.failed_at ?? 0) - (a.failed_at ?? 0) || a.id.localeCompare(b.id),
    );
    return { jobs: all.slice((page - 1) * perPage, page * perPage), total: all.length, page, perPage };
  }
}
