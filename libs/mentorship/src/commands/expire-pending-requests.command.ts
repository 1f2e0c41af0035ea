import { Command } from '@nestjs/cqrs';

/**
 * The pending-requests job, first half: PENDING requests that have waited REQUEST_EXPIRES_AFTER by
 * `now`, or whose end date has passed, are closed as expired (state REJECTED, expired_at set).
 * Resolves to how many.
 */
export class ExpirePendingRequestsCommand extends Command<number> {
  constructor(readonly now: Date = new Date()) {
    super();
  }
}
