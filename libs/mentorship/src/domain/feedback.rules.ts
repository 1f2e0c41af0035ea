import { Messages } from '@app/platform';
import type { FeedbackFacts } from '../events/feedback-facts';
import type { PartyRole } from './relation-feedback.entity';
import { RelationState } from './relation-state';

export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const MAX_TESTIMONIAL_LENGTH = 1000;
export const MAX_HIDE_REASON_LENGTH = 500;

const forbiddenCharacters = (value: string) => value.includes('\u0000') || !value.isWellFormed();
/** Length in characters (code points), as the reference's Python len() counts them. */
const characters = (value: string) => [...value].length;

/** A rating is an integer from 1 to 5, a JSON number (not "5", not 4.5, not null). */
export function feedbackRatingError(value: unknown): string | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RATING && value <= MAX_RATING
    ? null
    : Messages.FEEDBACK_RATING_INVALID;
}

/**
 * An optional text of at most `max` characters: absent or null is none, a string with a NUL or an
 * ill-formed surrogate is refused (PostgreSQL cannot store it), and surrounding whitespace does
 * not count (a text that is only whitespace is none).
 */
function optionalText(value: unknown, max: number, error: string): { text: string | null } | { error: string } {
  if (value === undefined || value === null) return { text: null };
  if (typeof value !== 'string' || forbiddenCharacters(value)) return { error };
  const text = value.trim();
  if (characters(text) > max) return { error };
  return { text: text === '' ? null : text };
}

export function cleanTestimonial(value: unknown): { text: string | null } | { error: string } {
  return optionalText(value, MAX_TESTIMONIAL_LENGTH, Messages.FEEDBACK_TESTIMONIAL_INVALID);
}

export function testimonialError(value: unknown): string | null {
  const cleaned = cleanTestimonial(value);
  return 'error' in cleaned ? cleaned.error : null;
}

export function cleanHideReason(value: unknown): { text: string | null } | { error: string } {
  return optionalText(value, MAX_HIDE_REASON_LENGTH, Messages.HIDE_REASON_INVALID);
}

export function hideReasonError(value: unknown): string | null {
  const cleaned = cleanHideReason(value);
  return 'error' in cleaned ? cleaned.error : null;
}

/**
 * Whether feedback may be left or edited on the relation now (the caller is a party): only on a
 * COMPLETED relation (never a cancelled one), and until `windowSeconds` after its completion.
 */
export function feedbackWindowError(
  relation: { state: RelationState; completedAt: number | null; endDate: number },
  now: number,
  windowSeconds: number,
): string | null {
  if (relation.state !== RelationState.COMPLETED) return Messages.FEEDBACK_NEEDS_COMPLETED_RELATION;
  // Relations completed before completed_at existed were completed by the daily job at their end date.
  const completedAt = relation.completedAt ?? relation.endDate;
  if (now > completedAt + windowSeconds) return Messages.FEEDBACK_WINDOW_CLOSED;
  return null;
}

/** Who the author rates: the other party, in the role that party had in the relation. */
export function feedbackSubject(
  relation: { mentorId: number; menteeId: number },
  authorId: number,
): { subjectId: number; subjectRole: PartyRole } {
  return authorId === relation.mentorId
    ? { subjectId: relation.menteeId, subjectRole: 'mentee' }
    : { subjectId: relation.mentorId, subjectRole: 'mentor' };
}

/** The author's role in the relation: the one the rated party did not have. */
export function authorRoleOf(subjectRole: PartyRole): PartyRole {
  return subjectRole === 'mentor' ? 'mentee' : 'mentor';
}

/** What the feedback events carry (never the testimonial's text). */
export function feedbackFacts(feedback: {
  id: number;
  relationId: number;
  authorId: number;
  subjectId: number;
  subjectRole: PartyRole;
  rating: number;
  testimonial: string | null;
}): FeedbackFacts {
  return {
    feedbackId: feedback.id,
    relationId: feedback.relationId,
    authorId: feedback.authorId,
    subjectId: feedback.subjectId,
    subjectRole: feedback.subjectRole,
    rating: feedback.rating,
    hasTestimonial: feedback.testimonial !== null,
  };
}
