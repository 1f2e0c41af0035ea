import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { BackgroundWork } from '../jobs/background-work';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

export type JobRun<T> = { ran: true; result: T } | { ran: false };

/**
 * "Exactly one process runs this occurrence": every replica's scheduler fires, each tries to
 * insert (job, scheduled time) into scheduled_job_runs, and only the one whose insert lands runs.
 */
@Injectable()
export class ScheduledJobRuns {
  private readonly logger = new Logger(ScheduledJobRuns.name);

  constructor(
    private readonly em: EntityManager,
    private readonly background: BackgroundWork,
  ) {}

  /** Whether this process's schedulers fire at all (an API replica beside workers does not). */
  get schedulesHere(): boolean {
    return this.background.enabled;
  }

  async runOnce<T>(job: string, scheduledFor: Date, work: () => Promise<T>): Promise<JobRun<T>> {
    const em = this.em.fork() as SqlEntityManager;
    const occurrence = new Date(Math.floor(scheduledFor.getTime() / 1000) * 1000);
    const claimed = await em.execute(
      `insert into "scheduled_job_runs" ("job", "scheduled_for", "started_at") values (?, ?, now())
       on conflict do nothing returning "job"`,
      [job, occurrence],
    );
    if (claimed.length === 0) return { ran: false };
    const finish = (outcome: string) =>
      em.execute(
        `update "scheduled_job_runs" set "finished_at" = now(), "outcome" = ? where "job" = ? and "scheduled_for" = ?`,
        [outcome.slice(0, 2000), job, occurrence],
      );
    try {
      const result = await work();
      await finish(JSON.stringify(result ?? null));
      return { ran: true, result };
    } catch (error) {
      this.logger.error({ err: error, job }, 'Scheduled job failed');
      await finish(`failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
