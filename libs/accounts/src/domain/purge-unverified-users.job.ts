import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AppConfig, ClaimedCronJob, InjectConfig, ScheduledJobRuns } from '@app/platform';
import { PurgeUnverifiedUsersCommand } from '../commands/purge-unverified-users.command';

/**
 * The purge of accounts never verified within 30 days, on UNVERIFIED_USER_PURGE_CRON (daily at
 * 00:00 UTC by default), once per occurrence however many replicas run. 30 days are counted from
 * the real time.
 */
@Injectable()
export class PurgeUnverifiedUsersJob extends ClaimedCronJob<number> {
  static readonly JOB = 'accounts.purge_unverified_users';

  constructor(
    private readonly commands: CommandBus,
    runs: ScheduledJobRuns,
    @InjectConfig() config: AppConfig,
  ) {
    super(PurgeUnverifiedUsersJob.JOB, runs, config);
  }

  protected cronTime(config: AppConfig): string {
    return config.unverifiedUserPurgeCron;
  }

  protected async work(): Promise<number> {
    const purged = await this.commands.execute(new PurgeUnverifiedUsersCommand());
    this.logger.log(`Purged ${purged} account(s) never verified within 30 days`);
    return purged;
  }
}
