import { lengthMessage } from '@app/accounts';
import { formatMessage, Messages } from '@app/platform';

export const MAX_DESCRIPTION_LENGTH = 400;
export const MAX_COMMENT_LENGTH = 400;

const invalidCharacters = (value: string) => value.includes('\u0000') || !value.isWellFormed();

/**
 * A task description: present (the reference's only check), then, beyond it, a string of 1–400
 * characters once trimmed. Returns the trimmed text, or the 400 message.
 */
export function checkDescription(body: Record<string, unknown>): { description: string } | { error: string } {
  if (!('description' in body)) return { error: Messages.DESCRIPTION_FIELD_IS_MISSING };
  const value = body.description;
  if (typeof value !== 'string')
    return { error: formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'description' }) };
  if (invalidCharacters(value)) {
    return { error: formatMessage(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'description' }) };
  }
  const description = value.trim();
  if (description.length < 1 || description.length > MAX_DESCRIPTION_LENGTH) {
    return { error: lengthMessage('description', 1, MAX_DESCRIPTION_LENGTH) };
  }
  return { description };
}

/** The reference's comment checks (§2.5): present, a string, at most 400 characters without whitespace. */
export function checkComment(
  body: Record<string, unknown>,
  lengthWithoutWhitespace: (text: string) => number,
): { comment: string } | { error: string } {
  if (!('comment' in body)) return { error: Messages.COMMENT_FIELD_IS_MISSING };
  const value = body.comment;
  if (typeof value !== 'string') return { error: Messages.COMMENT_NOT_IN_STRING_FORMAT };
  if (lengthWithoutWhitespace(value) > MAX_COMMENT_LENGTH) {
    return { error: lengthMessage('comment', 0, MAX_COMMENT_LENGTH) };
  }
  if (invalidCharacters(value))
    return { error: formatMessage(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'comment' }) };
  return { comment: value };
}
