import { Messages } from '@app/platform';

/** The reference's regexes (spec §7.3), applied with Python's re.match (anchored at the start). */
export const NAME_PATTERN = /^[a-zA-Z\s-]+$/;
export const EMAIL_PATTERN = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;
export const USERNAME_PATTERN = /^[a-zA-Z0-9_]+$/;

/** Characters Python's str.split() treats as whitespace that JavaScript's \s does not. */
const PYTHON_ONLY_WHITESPACE = new Set(['\u001c', '\u001d', '\u001e', '\u001f', '\u0085']);

/** Python's `"".join(s.split())`: the length the reference counts, without any whitespace. */
export function lengthWithoutWhitespace(value: string): number {
  return [...value].filter((char) => !/\s/u.test(char) && !PYTHON_ONLY_WHITESPACE.has(char)).length;
}

/** The reference's dynamic length message (spec §7.2). */
export function lengthMessage(field: string, min: number, max: number): string {
  return min <= 0
    ? `The ${field} field has to be shorter than ${max + 1} characters.`
    : `The ${field} field has to be longer than ${min - 1} characters and shorter than ${max + 1} characters.`;
}

export function isLengthValid(value: string, min: number, max: number): boolean {
  const length = lengthWithoutWhitespace(value);
  return length >= min && length <= max;
}

export interface RegistrationInput {
  name: unknown;
  username: unknown;
  password: unknown;
  email: unknown;
  terms_and_conditions_checked: unknown;
}

/**
 * The reference's validate_user_registration_request_data, in its order (spec §2.1 #1, steps 2–10).
 * Returns the first failing message (a 400), or null. Field presence and types are checked before,
 * by the schema (restxPayloadErrors).
 */
export function registrationError(input: RegistrationInput): string | null {
  const { name, username, password, email, terms_and_conditions_checked: terms } = input;
  if (typeof name !== 'string' || typeof username !== 'string' || typeof password !== 'string') {
    return Messages.NAME_USERNAME_AND_PASSWORD_NOT_IN_STRING_FORMAT;
  }
  if (password.includes(' ')) return Messages.USER_INPUTS_SPACE_IN_PASSWORD;
  if (!isLengthValid(name, 2, 30)) return lengthMessage('name', 2, 30);
  if (!isLengthValid(username, 5, 25)) return lengthMessage('username', 5, 25);
  if (!isLengthValid(password, 8, 64)) return lengthMessage('password', 8, 64);
  if (!terms) return Messages.TERMS_AND_CONDITIONS_ARE_NOT_CHECKED;
  if (!NAME_PATTERN.test(name)) return Messages.NAME_INPUT_BY_USER_IS_INVALID;
  if (typeof email !== 'string' || !EMAIL_PATTERN.test(email)) return Messages.EMAIL_INPUT_BY_USER_IS_INVALID;
  if (!USERNAME_PATTERN.test(username)) return Messages.USERNAME_INPUT_BY_USER_IS_INVALID;
  return null;
}
