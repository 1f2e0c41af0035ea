import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CronJob } from 'cron';
import { type AppConfig, InjectConfig, type JobRun, ScheduledJobRuns } from '@app/platform';
import { CompleteDueRelationsCommand } from '../commands/complete-due-relations.command';

/**
 * The reference's daily completion (23:59 UTC by default, RELATION_COMPLETION_CRON): every process
 * schedules it, and each occurrence is claimed in scheduled_job_runs, so one process runs it.
 */
@Injectable()
export class CompleteDueRelationsJob implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly JOB = 'mentorship.complete_due_relations';
  private readonly logger = new Logger(CompleteDueRelationsJob.name);
  private job?: CronJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly runs: ScheduledJobRuns,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return; // the tests run occurrences explicitly
    this.job = CronJob.from({
      cronTime: this.config.relationCompletionCron,
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

  /** Completes what is due at `scheduledFor`, unless another process claimed that occurrence. */
  runScheduled(scheduledFor: Date): Promise<JobRun<number>> {
    return this.runs.runOnce(CompleteDueRelationsJob.JOB, scheduledFor, async () => {
      const completed = await this.commands.execute(new CompleteDueRelationsCommand(scheduledFor));
      this.logger.log(`Completed ${completed} mentorship relation(s) past their end date`);
      return completed;
    });
  }
}
