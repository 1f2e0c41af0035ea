import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CronJob } from 'cron';
import type { AppConfig } from '../config/app-config';
import type { JobRun, ScheduledJobRuns } from './scheduled-job-runs';

/**
 * A job on a cron schedule (UTC) that every process schedules and one process runs: each
 * occurrence is claimed in scheduled_job_runs first. Only processes that do background work
 * schedule (BackgroundWork: workers, or the single process). Under NODE_ENV=test nothing is scheduled;
 * tests call runScheduled() with the occurrence they want.
 */
export abstract class ClaimedCronJob<T> implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private job?: CronJob;

  protected constructor(
    private readonly jobName: string,
    private readonly runs: ScheduledJobRuns,
    private readonly config: AppConfig,
  ) {}

  /** The cron expression, from the configuration. */
  protected abstract cronTime(config: AppConfig): string;

  /** What one occurrence does. */
  protected abstract work(scheduledFor: Date): Promise<T>;

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test' || !this.runs.schedulesHere) return;
    this.job = CronJob.from({
      cronTime: this.cronTime(this.config),
      timeZone: 'UTC',
      start: true,
      onTick: () => {
        this.runScheduled(this.job?.lastDate() ?? new Date()).catch(() => undefined);
      },
    });
  }

  onModuleDestroy(): void {
    void this.job?.stop();
  }

  /** Runs the occurrence scheduled for `scheduledFor`, unless another process claimed it. */
  runScheduled(scheduledFor: Date): Promise<JobRun<T>> {
    return this.runs.runOnce(this.jobName, scheduledFor, () => this.work(scheduledFor));
  }
}
