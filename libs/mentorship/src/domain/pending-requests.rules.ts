/**
 * When a PENDING request is reminded, when it expires, and the cap on requests a member may have
 * waiting at once (beyond the reference). Pure: epoch seconds in, epoch seconds out.
 *
 * A pending request has no start date (a relation starts when it is accepted); the bound it has is
 * its end date. So a request expires at creation + REQUEST_EXPIRES_AFTER or at its end date,
 * whichever comes first, and its receiver is reminded once after REQUEST_REMINDER_AFTER, unless it
 * has expired by then.
 */

export interface PendingRequestTimes {
  /** REQUEST_REMINDER_AFTER, seconds. */
  reminderAfterSeconds: number;
  /** REQUEST_EXPIRES_AFTER, seconds. */
  expiresAfterSeconds: number;
}

/** The cutoffs at `now`: a request created at or before `remindCreatedBy` is due a reminder, at or before `expireCreatedBy` it has expired. */
export function pendingRequestCutoffs(now: number, times: PendingRequestTimes) {
  return {
    now,
    remindCreatedBy: now - times.reminderAfterSeconds,
    expireCreatedBy: now - times.expiresAfterSeconds,
  };
}

/** When a request created at `creationDate` with `endDate` expires. */
export function pendingRequestExpiresAt(creationDate: number, endDate: number, times: PendingRequestTimes): number {
  return Math.min(creationDate + times.expiresAfterSeconds, endDate);
}

/** Whether a PENDING request has expired at `now`. */
export function hasExpired(creationDate: number, endDate: number, now: number, times: PendingRequestTimes): boolean {
  return now >= pendingRequestExpiresAt(creationDate, endDate, times);
}

/** Whether the receiver of a PENDING request that was never reminded is due its one reminder at `now`. */
export function isDueReminder(
  request: { creationDate: number; endDate: number; remindedAt: number | null },
  now: number,
  times: PendingRequestTimes,
): boolean {
  return (
    request.remindedAt === null &&
    now >= request.creationDate + times.reminderAfterSeconds &&
    !hasExpired(request.creationDate, request.endDate, now, times)
  );
}

/** With `openCount` requests already sent and pending, one more would pass MAX_OPEN_REQUESTS. */
export function isOverOpenRequestCap(openCount: number, max: number): boolean {
  return openCount >= max;
}
