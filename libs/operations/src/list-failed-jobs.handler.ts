import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import {
  ApiError,
  type FailedJob,
  formatMessage,
  JobQueues,
  Messages,
  OUTBOX_DELIVERY_JOB,
  type OutboxRowSummary,
  type ParkedEvent,
  ParkedEvents,
} from '@app/platform';
import { requireAdmin } from './admin-caller';
import type { FailedJobsPage, FailedJobView } from './failed-job.view';
import { ListFailedJobsQuery } from './list-failed-jobs.query';
import { QUEUE_UNREACHABLE } from './operations.messages';

const MAX_PER_PAGE = 100;
/** How many of each source are looked at; a backlog of failures beyond this is a different problem. */
const SCAN_LIMIT = 1000;

function pageParameter(params: Record<string, unknown>, name: string, max: number): number | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
  }
  return Number(value);
}

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
    await requireAdmin(this.em.fork(), callerId);
    const page = pageParameter(params, 'page', 1_000_000) ?? 1;
    const perPage = pageParameter(params, 'per_page', MAX_PER_PAGE) ?? 20;
    const [queued, parked] = await Promise.all([
      this.jobs.listFailed(SCAN_LIMIT).catch(() => {
        throw new ApiError(503, QUEUE_UNREACHABLE);
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
