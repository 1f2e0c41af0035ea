import { hasForbiddenCharacters } from '@app/accounts';
import { Messages } from '@app/platform';

export const MAX_MESSAGE_LENGTH = 2000;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** The largest id a serial column holds. */
export const MAX_ID = 2_147_483_647;

/** Length in characters (code points), not UTF-16 units: an emoji is one character. */
const characters = (value: string) => [...value].length;

/**
 * A message body: a string (no NUL, no lone surrogate: PostgreSQL cannot store them), 1 to 2,000
 * characters once surrounding whitespace is trimmed. The trimmed text, or the first problem.
 */
export function cleanMessageBody(value: unknown): { text: string } | { error: string } {
  if (value === undefined || value === null) return { error: Messages.CHAT_BODY_REQUIRED };
  if (typeof value !== 'string') return { error: Messages.CHAT_BODY_MUST_BE_STRING };
  if (hasForbiddenCharacters(value)) return { error: Messages.CHAT_BODY_HAS_INVALID_CHARACTERS };
  const text = value.trim();
  const length = characters(text);
  if (length < 1 || length > MAX_MESSAGE_LENGTH) return { error: Messages.CHAT_BODY_LENGTH };
  return { text };
}

export function messageBodyError(value: unknown): string | null {
  const cleaned = cleanMessageBody(value);
  return 'error' in cleaned ? cleaned.error : null;
}

/** `up_to` of a read receipt: absent (the newest message) or a positive integer id. */
export function readUpToError(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ID
    ? null
    : Messages.CHAT_UP_TO_INVALID;
}

/**
 * Where a read receipt moves: to `requested` (or the newest message when absent), never past the
 * newest message, never back. Null while nothing has been read and there is nothing to read.
 */
export function nextReadMarker(current: number | null, requested: number | null, newest: number | null): number | null {
  if (newest === null) return current;
  const target = Math.min(requested ?? newest, newest);
  return current === null ? target : Math.max(current, target);
}

/** Whether a message was read by the party that did not write it, from that party's receipt. */
export const isReadBy = (messageId: number, lastReadId: number | null) =>
  lastReadId !== null && messageId <= lastReadId;
