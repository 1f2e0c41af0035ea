import { LockMode } from '@mikro-orm/core';
import { ApiError, type CallContext, eventMeta, formatMessage, Messages, type TransactionContext } from '@app/platform';
import { AccountSuspended } from '../events/account-suspended.event';
import { AccountSuspensionLifted } from '../events/account-suspension-lifted.event';
import { revokeSessionsOf } from './account-sessions';
import { FOR_GOOD_MS } from './suspension-end.type';
import { isForGood } from './suspension-messages';
import type { User } from './user.entity';

export { isForGood, suspendedAccountMessage } from './suspension-messages';

/*
 * Account suspension (beyond the reference, issue 14). An admin suspends an account for a number of
 * days or for good, directly (POST /admin/users/{user_id}/suspend) or by resolving a report (the
 * moderation lib). A suspended account cannot log in nor refresh, and every session it had is
 * revoked at once. The end passing lifts it with nothing to do; an admin may lift it earlier.
 */

export const MIN_SUSPENSION_DAYS = 1;
export const MAX_SUSPENSION_DAYS = 3650;
export const MAX_SUSPENSION_REASON_LENGTH = 500;

const DAY_MS = 86_400_000;

/** Who suspends or lifts, and the request, for the event's payload and metadata. */
export interface SuspensionActor {
  actorId: number;
  call: CallContext;
}

/** Whether the account is suspended at `now`: an end in the future (or for good). Pure. */
export function isSuspended(user: Pick<User, 'suspendedUntil'>, now: Date = new Date()): boolean {
  return user.suspendedUntil !== null && user.suspendedUntil.getTime() > now.getTime();
}

/** The end of a suspension of `days` days from `now`; null days: for good (null). */
export function suspensionEnd(days: number | null, now: Date = new Date()): Date | null {
  return days === null ? null : new Date(now.getTime() + days * DAY_MS);
}

/** The end as the API and the events give it: epoch seconds, null for good. */
export function suspensionEndSeconds(until: Date | null): number | null {
  return until === null || isForGood(until) ? null : until.getTime() / 1000;
}

/** What the admin is told once the account is suspended (null: for good). */
export function suspendedConfirmation(until: Date | null): string {
  return until === null || isForGood(until)
    ? Messages.ACCOUNT_SUSPENDED_FOR_GOOD
    : formatMessage(Messages.ACCOUNT_SUSPENDED_UNTIL, { until: until.toISOString() });
}

/**
 * A suspension's optional reason, as a class-validator check sees it: absent or null is none, a
 * string of at most 500 characters (surrounding whitespace not counted), never a NUL or a lone
 * surrogate. Returns the stored text (trimmed; blank → null) or the error.
 */
export function cleanSuspensionReason(value: unknown): { text: string | null } | { error: string } {
  if (value === undefined || value === null) return { text: null };
  if (typeof value !== 'string' || value.includes('\u0000') || !value.isWellFormed()) {
    return { error: Messages.SUSPENSION_REASON_INVALID };
  }
  const text = value.trim();
  if ([...text].length > MAX_SUSPENSION_REASON_LENGTH) return { error: Messages.SUSPENSION_REASON_INVALID };
  return { text: text === '' ? null : text };
}

export function suspensionReasonError(value: unknown): string | null {
  const cleaned = cleanSuspensionReason(value);
  return 'error' in cleaned ? cleaned.error : null;
}

/** days: absent or null (for good), or a JSON integer from 1 to 3650 (not "7", not 1.5). */
export function suspensionDaysError(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_SUSPENSION_DAYS &&
    value <= MAX_SUSPENSION_DAYS
    ? null
    : Messages.SUSPENSION_DAYS_INVALID;
}

/**
 * Locks the account's row for the rest of the transaction and reads it again (is_admin and
 * suspended_until as committed now, not as `user` was read; unflushed changes to `user` are
 * dropped). A login opening a session takes a share lock on the same row (log-in.handler.ts), so it
 * either committed its session before (which the revocation then sees) or waits and sees the
 * suspension. A row deleted meanwhile is a 404.
 */
async function lockAccount(tx: TransactionContext, user: User): Promise<void> {
  const fresh = await tx.em.refresh(user, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!fresh || fresh.deletedAt) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
}

/**
 * Inside a command's transaction: suspends `user` until `until` (null: for good), revokes every open
 * session (reason 'suspended'), and returns the event for the caller to tx.record(). An admin
 * account is refused (409): an admin must first be revoked, so the last admin can never be locked
 * out. Suspending a suspended account again replaces the end (and makes a new event).
 */
export async function suspendAccount(
  tx: TransactionContext,
  user: User,
  until: Date | null,
  meta: SuspensionActor & { reason: string | null },
): Promise<AccountSuspended> {
  await lockAccount(tx, user);
  if (user.isAdmin) throw new ApiError(409, Messages.ADMIN_CANNOT_BE_SUSPENDED);
  user.suspendedUntil = until ?? new Date(FOR_GOOD_MS);
  await revokeSessionsOf(tx.em, user.id, 'suspended');
  return new AccountSuspended(
    { userId: user.id, until: suspensionEndSeconds(until), reason: meta.reason, by: meta.actorId },
    eventMeta(meta.call, meta.actorId),
  );
}

/**
 * Inside a command's transaction: lifts the suspension of `user` and returns the event for the
 * caller to tx.record(); null (and nothing changes) when the account is not suspended now, an
 * ended suspension included.
 */
export async function liftSuspension(
  tx: TransactionContext,
  user: User,
  meta: SuspensionActor,
): Promise<AccountSuspensionLifted | null> {
  await lockAccount(tx, user);
  if (!isSuspended(user)) return null;
  user.suspendedUntil = null;
  return new AccountSuspensionLifted({ userId: user.id, by: meta.actorId }, eventMeta(meta.call, meta.actorId));
}
