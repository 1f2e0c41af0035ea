import { formatMessage, Messages } from '@app/platform';
import { hasForbiddenCharacters } from './text-hygiene';

/** The two lists a member keeps: what they can teach and what they want to learn. */
export type TagKind = 'skill' | 'interest';

/** The PUT /user key of each list, and the reference's free-text field it is kept in step with. */
export const TAG_FIELDS: ReadonlyArray<{
  kind: TagKind;
  field: 'skill_tags' | 'interest_tags';
  text: 'skills' | 'interests';
}> = [
  { kind: 'skill', field: 'skill_tags', text: 'skills' },
  { kind: 'interest', field: 'interest_tags', text: 'interests' },
];

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;

export interface TagInput {
  /** The normalized key: lower case, inner whitespace collapsed to one space, trimmed. */
  slug: string;
  /** The spelling as given (whitespace tidied): the tag's canonical label when it is new. */
  label: string;
}

/** Trims and collapses inner whitespace to one space, keeping the case. */
export function tidyTag(value: string): string {
  return value.trim().replace(/\s+/gu, ' ');
}

/** The normalized key of a tag. */
export function tagSlug(value: string): string {
  return tidyTag(value).toLowerCase();
}

/** De-duplicates by slug, keeping the first spelling and the order. */
function dedupe(labels: string[]): TagInput[] {
  const seen = new Map<string, TagInput>();
  for (const label of labels) {
    const slug = label.toLowerCase();
    if (!seen.has(slug)) seen.set(slug, { slug, label });
  }
  return [...seen.values()];
}

/**
 * Checks a `skill_tags` / `interest_tags` value of PUT /user: an array of strings, each 1–40
 * characters after trimming, at most 20 after de-duplication. Returns the first failing message.
 */
export function tagListError(field: string, value: unknown): string | null {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    return formatMessage(Messages.TAGS_MUST_BE_STRING_ARRAY, { field_name: field });
  }
  for (const entry of value as string[]) {
    if (hasForbiddenCharacters(entry))
      return formatMessage(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: field });
    const length = [...tidyTag(entry)].length;
    if (length < 1 || length > MAX_TAG_LENGTH) {
      return formatMessage(Messages.TAG_LENGTH_INVALID, { field_name: field, max: MAX_TAG_LENGTH });
    }
  }
  if (dedupe((value as string[]).map(tidyTag)).length > MAX_TAGS) {
    return formatMessage(Messages.TOO_MANY_TAGS, { field_name: field, max: MAX_TAGS });
  }
  return null;
}

/** The tags of a valid list (see tagListError), de-duplicated by slug, in order. */
export function parseTagList(value: string[]): TagInput[] {
  return dedupe(value.map(tidyTag));
}

/**
 * The tags re-derived from the reference's free-text field, for old clients that only send it:
 * split on commas, empty and over-long pieces dropped, de-duplicated, the first 20 kept.
 */
export function tagsFromText(text: string | null | undefined): TagInput[] {
  if (!text) return [];
  const pieces = text
    .split(',')
    .map(tidyTag)
    .filter((piece) => piece.length > 0 && [...piece].length <= MAX_TAG_LENGTH);
  return dedupe(pieces).slice(0, MAX_TAGS);
}

/**
 * The free-text field kept in step with a list: its labels joined with ", " (null when empty), as
 * many whole labels as fit the reference's limit of that field (so an old client can send it back).
 */
export function tagsText(labels: string[], max = Infinity): string | null {
  let text = '';
  for (const label of labels) {
    const next = text ? `${text}, ${label}` : label;
    if ([...next].length > max) break;
    text = next;
  }
  return text || null;
}

/** A LIKE pattern matching slugs that start with `prefix` (% _ and \ match literally). */
export function slugPrefixPattern(prefix: string): string {
  return `${tagSlug(prefix).replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
