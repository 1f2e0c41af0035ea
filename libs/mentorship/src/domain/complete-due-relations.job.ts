import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AppConfig, ClaimedCronJob, InjectConfig, ScheduledJobRuns } from '@app/platform';
import { CompleteDueRelationsCommand } from '../commands/complete-due-relations.command';

/**
 * The reference's daily completion (RELATION_COMPLETION_CRON, 23:59 UTC by default), once per
 * occurrence however many replicas run. The occurrence's time is the "now" end dates are compared
 * with, so tests drive it with any date.
 */
@Injectable()
export class CompleteDueRelationsJob extends ClaimedCronJob<number> {
  static readonly JOB = 'mentorship.complete_due_relations';

  constructor(
    private readonly commands: CommandBus,
    runs: ScheduledJobRuns,
    @InjectConfig() config: AppConfig,
  ) {
    super(CompleteDueRelationsJob.JOB, runs, config);
  }

  protected cronTime(config: AppConfig): string {
    return config.relationCompletionCron;
  }

  protected async work(scheduledFor: Date): Promise<number> {
    const completed = await this.commands.execute(new CompleteDueRelationsCommand(scheduledFor));
    this.logger.log(`Completed ${completed} mentorship relation(s) past their end date`);
    return completed;
  }
}
