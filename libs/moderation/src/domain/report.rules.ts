import { hasForbiddenCharacters } from '@app/accounts';
import { Messages } from '@app/platform';

/**
 * The rules of reports and their resolution, pure: what a report may name, which outcome applies
 * to which target, when details are required. Each check answers its catalogue text, or null.
 */

export const REPORT_TARGET_TYPES = ['user', 'task', 'comment', 'chat_message'] as const;
export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];

export const REPORT_REASONS = ['spam', 'harassment', 'inappropriate', 'impersonation', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_OUTCOMES = ['dismiss', 'hide_content', 'suspend'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const REPORT_STATES = ['open', 'resolved'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const MAX_DETAILS_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_SUSPENSION_DAYS = 3650;
/** The largest id a serial column holds. */
export const MAX_ID = 2_147_483_647;
const DAY_MS = 86_400_000;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
const absent = (value: unknown) => value === undefined || value === null;
/** Length in characters (code points), not UTF-16 units: an emoji is one character. */
const characters = (value: string) => [...value].length;

export const isReportTargetType = (value: unknown): value is ReportTargetType => isOneOf(REPORT_TARGET_TYPES, value);
export const isReportReason = (value: unknown): value is ReportReason => isOneOf(REPORT_REASONS, value);
export const isReportOutcome = (value: unknown): value is ReportOutcome => isOneOf(REPORT_OUTCOMES, value);

const isRowId = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ID;

export const targetTypeError = (value: unknown) =>
  isReportTargetType(value) ? null : Messages.REPORT_TARGET_TYPE_INVALID;
export const targetIdError = (value: unknown) => (isRowId(value) ? null : Messages.REPORT_TARGET_ID_INVALID);
export const reasonError = (value: unknown) => (isReportReason(value) ? null : Messages.REPORT_REASON_INVALID);
export const outcomeError = (value: unknown) => (isReportOutcome(value) ? null : Messages.REPORT_OUTCOME_INVALID);

/**
 * A task is named by its relation and its number there (the id the task routes show), so
 * relation_id comes with target_type task, and only with it.
 */
export function relationIdError(targetType: unknown, value: unknown): string | null {
  if (targetType === 'task') {
    if (absent(value)) return Messages.REPORT_RELATION_ID_REQUIRED;
    return isRowId(value) ? null : Messages.REPORT_RELATION_ID_INVALID;
  }
  return absent(value) ? null : Messages.REPORT_RELATION_ID_NOT_ALLOWED;
}

/** An optional free text: absent, or a storable string of at most `max` characters once trimmed. */
function freeTextError(value: unknown, max: number, invalid: string, badCharacters: string): string | null {
  if (absent(value)) return null;
  if (typeof value !== 'string' || characters(value.trim()) > max) return invalid;
  return hasForbiddenCharacters(value) ? badCharacters : null;
}

/** details: optional free text, required (not blank) when the reason is 'other'. */
export function detailsError(reason: unknown, details: unknown): string | null {
  const shape = freeTextError(
    details,
    MAX_DETAILS_LENGTH,
    Messages.REPORT_DETAILS_INVALID,
    Messages.REPORT_DETAILS_HAS_INVALID_CHARACTERS,
  );
  if (shape) return shape;
  if (reason === 'other' && cleanText(details) === null) return Messages.REPORT_DETAILS_REQUIRED;
  return null;
}

export const noteError = (value: unknown) =>
  freeTextError(value, MAX_NOTE_LENGTH, Messages.REPORT_NOTE_INVALID, Messages.REPORT_NOTE_HAS_INVALID_CHARACTERS);

/** days: only with suspend (absent: for good), an integer from 1 to 3650. */
export function daysError(outcome: unknown, days: unknown): string | null {
  if (absent(days)) return null;
  if (outcome !== 'suspend') return Messages.REPORT_DAYS_NOT_ALLOWED;
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_SUSPENSION_DAYS
    ? null
    : Messages.REPORT_DAYS_INVALID;
}

/** A free text as stored: trimmed, null when absent or blank. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

/** Which outcomes apply to which targets: a user has no content to hide; dismiss and suspend apply to all. */
export function outcomeTargetError(targetType: ReportTargetType, outcome: ReportOutcome): string | null {
  return outcome === 'hide_content' && targetType === 'user' ? Messages.ONLY_CONTENT_CAN_BE_HIDDEN : null;
}

/** Nobody reports themselves, nor content they wrote. */
export function selfReportError(
  targetType: ReportTargetType,
  reporterId: number,
  targetUserId: number | null,
): string | null {
  if (targetUserId !== reporterId) return null;
  return targetType === 'user' ? Messages.CANNOT_REPORT_YOURSELF : Messages.CANNOT_REPORT_OWN_CONTENT;
}

/** When a suspension of `days` days from `now` ends; null: for good. */
export const suspensionEnd = (days: number | null, now: Date): Date | null =>
  days === null ? null : new Date(now.getTime() + days * DAY_MS);

/** The state= filter of the admin list: a state, undefined when absent or empty, null when invalid. */
export function stateFilter(value: unknown): ReportState | undefined | null {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (first === undefined || first === '') return undefined;
  return isOneOf(REPORT_STATES, first) ? first : null;
}
