import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** POST /admin/jobs/{id}/retry. */
export class RetryFailedJobCommand extends Command<void> {
  constructor(
    readonly jobId: string,
    readonly call: CallContext,
  ) {
    super();
  }
}
