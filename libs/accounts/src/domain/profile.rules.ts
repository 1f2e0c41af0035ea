import { formatMessage, Messages } from '@app/platform';
import { hasForbiddenCharacters } from './text-hygiene';
import { isLengthValid, lengthMessage, NAME_PATTERN, USERNAME_PATTERN } from './registration.rules';

/** Maximum lengths of the free-text profile fields (whitespace not counted), reference §2.1 #10. */
export const PROFILE_TEXT_LIMITS: ReadonlyArray<[field: string, max: number]> = [
  ['bio', 450],
  ['location', 60],
  ['occupation', 60],
  ['organization', 60],
  ['slack_username', 60],
  ['social_media_links', 400],
  ['skills', 450],
  ['interests', 150],
];

/** Not validated by the reference; bounded here by its column size (String(200)). */
export const URL_FIELD_LIMITS: ReadonlyArray<[field: string, max: number]> = [
  ['resume_url', 200],
  ['photo_url', 200],
];

const BOOLEAN_FIELDS = ['need_mentoring', 'available_to_mentor'] as const;

/**
 * The reference's validate_update_profile_request_data, in its order, plus what it let through to
 * a 500 (non-string texts, NUL characters, over-long URLs, non-boolean flags). Returns the first
 * failing message (a 400), or null.
 */
export function profileUpdateError(data: Record<string, unknown>): string | null {
  if (Object.keys(data).length === 0) return Messages.NO_DATA_FOR_UPDATING_PROFILE_WAS_SENT;
  const textFields = ['username', 'name', ...PROFILE_TEXT_LIMITS.map(([f]) => f), ...URL_FIELD_LIMITS.map(([f]) => f)];
  for (const field of textFields) {
    const value = data[field];
    if (value === undefined || value === null || value === '' || value === false || value === 0) continue;
    if (typeof value !== 'string') return formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: field });
    if (hasForbiddenCharacters(value)) {
      return formatMessage(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: field });
    }
  }
  const username = data.username;
  if (typeof username === 'string' && username) {
    if (!isLengthValid(username, 5, 25)) return lengthMessage('username', 5, 25);
    if (!USERNAME_PATTERN.test(username)) return Messages.NEW_USERNAME_INPUT_BY_USER_IS_INVALID;
  }
  const name = data.name;
  if (typeof name === 'string' && name) {
    if (!isLengthValid(name, 2, 30)) return lengthMessage('name', 2, 30);
    if (!NAME_PATTERN.test(name)) return Messages.NAME_INPUT_BY_USER_IS_INVALID;
  }
  for (const [field, max] of PROFILE_TEXT_LIMITS) {
    const value = data[field];
    if (typeof value === 'string' && value && !isLengthValid(value, 0, max)) return lengthMessage(field, 0, max);
  }
  for (const [field, max] of URL_FIELD_LIMITS) {
    const value = data[field];
    if (typeof value === 'string' && value.length > max) return lengthMessage(field, 0, max);
  }
  if ('need_mentoring' in data && data.need_mentoring === null) return Messages.FIELD_NEED_MENTORING_IS_NOT_VALID;
  if ('available_to_mentor' in data && data.available_to_mentor === null) {
    return Messages.FIELD_AVAILABLE_TO_MENTOR_IS_INVALID;
  }
  for (const field of BOOLEAN_FIELDS) {
    if (field in data && typeof data[field] !== 'boolean') {
      return formatMessage(Messages.FIELD_MUST_BE_BOOLEAN, { field_name: field });
    }
  }
  return null;
}

/** The reference's new-password checks (§2.1 #12), in order; also used by the password reset. */
export function newPasswordError(newPassword: string, currentPassword?: string): string | null {
  if (currentPassword !== undefined && newPassword === currentPassword) return Messages.USER_ENTERED_CURRENT_PASSWORD;
  if (newPassword.includes(' ')) return Messages.USER_INPUTS_SPACE_IN_PASSWORD;
  if (!isLengthValid(newPassword, 8, 64)) return lengthMessage('new_password', 8, 64);
  return null;
}
