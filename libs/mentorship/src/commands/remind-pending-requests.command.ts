import { Command } from '@nestjs/cqrs';

/**
 * The pending-requests job, second half: the receiver of each PENDING request that has waited
 * REQUEST_REMINDER_AFTER by `now` (and has not expired) is reminded, once. Resolves to how many.
 */
export class RemindPendingRequestsCommand extends Command<number> {
  constructor(readonly now: Date = new Date()) {
    super();
  }
}
