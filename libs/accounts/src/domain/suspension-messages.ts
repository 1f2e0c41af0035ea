import { formatMessage, Messages } from '@app/platform';
import { FOR_GOOD_MS } from './suspension-end.type';

// Pure, and apart from suspension.ts so that the token guard's lookup (account-sessions.ts) can use them.

/** Whether this end means "for good" (stored as 'infinity'). */
export function isForGood(until: Date): boolean {
  return until.getTime() >= FOR_GOOD_MS;
}

/** What a suspended account is told on POST /login and POST /refresh (403). */
export function suspendedAccountMessage(until: Date): string {
  return isForGood(until)
    ? Messages.YOUR_ACCOUNT_IS_SUSPENDED
    : formatMessage(Messages.YOUR_ACCOUNT_IS_SUSPENDED_UNTIL, { until: until.toISOString() });
}
