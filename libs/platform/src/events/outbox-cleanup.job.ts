import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { ClaimedCronJob } from '../scheduling/claimed-cron-job';
import { ScheduledJobRuns } from '../scheduling/scheduled-job-runs';

/** How long delivered events stay in the outbox (for looking into recent deliveries). */
export const OUTBOX_RETENTION_DAYS = 7;

/**
 * Deletes delivered outbox rows older than a week, daily at 03:00 UTC, once per occurrence. Parked
 * (dead) rows stay until someone looks at them; the audit log keeps what is worth keeping.
 */
@Injectable()
export class OutboxCleanupJob extends ClaimedCronJob<number> {
  static readonly JOB = 'platform.outbox_cleanup';

  constructor(
    private readonly em: EntityManager,
    runs: ScheduledJobRuns,
    @InjectConfig() config: AppConfig,
  ) {
    super(OutboxCleanupJob.JOB, runs, config);
  }

  protected cronTime(): string {
    return '0 3 * * *';
  }

  protected async work(scheduledFor: Date): Promise<number> {
    const cutoff = new Date(scheduledFor.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000);
    const deleted = await (this.em.fork() as SqlEntityManager).execute<Array<{ id: string }>>(
      `delete from "outbox" where "processed_at" is not null and "processed_at" < ? returning "id"`,
      [cutoff],
    );
    this.logger.log(`Deleted ${deleted.length} delivered outbox row(s) older than ${OUTBOX_RETENTION_DAYS} days`);
    return deleted.length;
  }
}
