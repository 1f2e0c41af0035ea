import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CronJob } from 'cron';
import { type AppConfig, InjectConfig, type JobRun, ScheduledJobRuns } from '@app/platform';
import { PurgeUnverifiedUsersCommand } from '../commands/purge-unverified-users.command';

/**
 * Runs the purge on UNVERIFIED_USER_PURGE_CRON (daily at 00:00 UTC by default) in every process;
 * each scheduled time is claimed in the database first, so one process runs it however many
 * replicas there are.
 */
@Injectable()
export class PurgeUnverifiedUsersJob implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly JOB = 'accounts.purge_unverified_users';
  private readonly logger = new Logger(PurgeUnverifiedUsersJob.name);
  private job?: CronJob;

  constructor(
    private readonly commands: CommandBus,
    private readonly runs: ScheduledJobRuns,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return; // the tests run occurrences explicitly
    this.job = CronJob.from({
      cronTime: this.config.unverifiedUserPurgeCron,
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

  /** Runs the occurrence scheduled for `scheduledFor` unless another process claimed it. */
  runScheduled(scheduledFor: Date): Promise<JobRun<number>> {
    return this.runs.runOnce(PurgeUnverifiedUsersJob.JOB, scheduledFor, async () => {
      const purged = await this.commands.execute(new PurgeUnverifiedUsersCommand());
      this.logger.log(`Purged ${purged} account(s) never verified within 30 days`);
      return purged;
    });
  }
}
