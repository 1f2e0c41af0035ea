import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Metrics } from '../metrics/metrics';
import { JobQueues, QUEUE_NAMES } from './job-queues';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'paused'] as const;

/**
 * The queues on /metrics (with REDIS_URL): jobs per queue and state, read from Redis at scrape
 * time (the same numbers on every process), and the attempts that failed in this process.
 */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);

  constructor(metrics: Metrics, jobs: JobQueues) {
    if (!jobs.active) return;
    const logger = this.logger;
    new Gauge({
      name: 'mentorship_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed: used up their attempts, …).',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        try {
          const counts = await jobs.counts();
          for (const queue of QUEUE_NAMES) {
            for (const state of STATES) this.set({ queue, state }, counts[queue]?.[state] ?? 0);
          }
        } catch (error) {
          // Redis away: the scrape still answers; readiness reports Redis.
          logger.debug({ err: error }, 'Queue counts unavailable for /metrics');
        }
      },
    });
    const failures = new Counter<'queue' | 'final'>({
      name: 'mentorship_queue_job_failures_total',
      help: 'Failed job attempts in this process; final="true" when the job used up its attempts.',
      labelNames: ['queue', 'final'],
      registers: [metrics.registry],
    });
    for (const queue of QUEUE_NAMES) {
      failures.inc({ queue, final: 'false' }, 0);
      failures.inc({ queue, final: 'true' }, 0);
    }
    jobs.onFailure((queue, _job, final) => failures.inc({ queue, final: String(final) }));
  }
}
