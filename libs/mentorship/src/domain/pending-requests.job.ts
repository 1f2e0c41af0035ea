import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AppConfig, ClaimedCronJob, InjectConfig, ScheduledJobRuns } from '@app/platform';
import { ExpirePendingRequestsCommand } from '../commands/expire-pending-requests.command';
import { RemindPendingRequestsCommand } from '../commands/remind-pending-requests.command';

export interface PendingRequestsRun {
  expired: number;
  reminded: number;
}

/**
 * Pending requests that do not rot (PENDING_REQUESTS_CRON, every 15 minutes by default), once per
 * occurrence however many replicas run: first the expired requests are closed (their senders are
 * told), then the receivers of requests that have waited REQUEST_REMINDER_AFTER are reminded once.
 * Expiry goes first so a request is never reminded in the run that closes it. The occurrence's time
 * is the "now", so tests drive it with any date.
 */
@Injectable()
export class PendingRequestsJob extends ClaimedCronJob<PendingRequestsRun> {
  static readonly JOB = 'mentorship.pending_requests';

  constructor(
    private readonly commands: CommandBus,
    runs: ScheduledJobRuns,
    @InjectConfig() config: AppConfig,
  ) {
    super(PendingRequestsJob.JOB, runs, config);
  }

  protected cronTime(config: AppConfig): string {
    return config.pendingRequestsCron;
  }

  protected async work(scheduledFor: Date): Promise<PendingRequestsRun> {
    const expired = await this.commands.execute(new ExpirePendingRequestsCommand(scheduledFor));
    const reminded = await this.commands.execute(new RemindPendingRequestsCommand(scheduledFor));
    this.logger.log(`Expired ${expired} pending request(s), reminded the receivers of ${reminded}`);
    return { expired, reminded };
  }
}
