import { lengthMessage } from '@app/accounts';
import { formatMessage, Messages } from '@app/platform';

export const WEEK_SECONDS = 7 * 86_400;
export const MIN_DURATION_SECONDS = 4 * WEEK_SECONDS;
export const MAX_DURATION_SECONDS = 24 * WEEK_SECONDS;
export const MAX_NOTES_LENGTH = 400;

/** datetime.fromtimestamp's range: years 1 to 9999. */
const MIN_TIMESTAMP = -62_135_596_800;
const MAX_TIMESTAMP = 253_402_300_799;

export interface SendRequestInput {
  mentorId: unknown;
  menteeId: unknown;
  endDate: unknown;
  notes: unknown;
}

export type CheckedRequest = { mentorId: unknown; menteeId: unknown; endDate: number; notes: string };

/**
 * The checks of POST /mentorship_relation/send_request that need no database, in the reference's
 * order (§2.3 #18 steps 2–7), then what the reference let through to a 500 or to the database
 * (notes of another type or too long). Field presence (step 1) is checked before.
 */
export function sendRequestError(
  input: SendRequestInput,
  callerId: number,
  nowSeconds: number,
): { error: string } | { request: CheckedRequest } {
  const { mentorId, menteeId, notes } = input;
  if (mentorId !== callerId && menteeId !== callerId) return { error: Messages.MATCH_EITHER_MENTOR_OR_MENTEE };
  if (mentorId === menteeId) return { error: Messages.MENTOR_ID_SAME_AS_MENTEE_ID };
  // Python's fromtimestamp takes booleans as 0 and 1.
  const endDate = typeof input.endDate === 'boolean' ? Number(input.endDate) : input.endDate;
  if (typeof endDate !== 'number' || !Number.isFinite(endDate) || endDate < MIN_TIMESTAMP || endDate > MAX_TIMESTAMP) {
    return { error: Messages.INVALID_END_DATE };
  }
  const duration = endDate - nowSeconds;
  if (duration < 0) return { error: Messages.END_TIME_BEFORE_PRESENT };
  if (duration > MAX_DURATION_SECONDS) return { error: Messages.MENTOR_TIME_GREATER_THAN_MAX_TIME };
  if (duration < MIN_DURATION_SECONDS) return { error: Messages.MENTOR_TIME_LESS_THAN_MIN_TIME };
  if (typeof notes !== 'string')
    return { error: formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'notes' }) };
  if (notes.length > MAX_NOTES_LENGTH) {
    return { error: lengthMessage('notes', 0, MAX_NOTES_LENGTH) };
  }
  if (notes.includes('\u0000') || !notes.isWellFormed()) {
    return { error: formatMessage(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'notes' }) };
  }
  return { request: { mentorId, menteeId, endDate, notes } };
}

/** A user id from a body: a positive 32-bit integer, else nobody. */
export function asUserId(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647 ? value : null;
}
