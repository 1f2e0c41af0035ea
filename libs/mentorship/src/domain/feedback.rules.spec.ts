import {
  authorRoleOf,
  cleanHideReason,
  cleanTestimonial,
  feedbackFacts,
  feedbackRatingError,
  feedbackSubject,
  feedbackWindowError,
  testimonialError,
} from './feedback.rules';
import { RelationState } from './relation-state';

const DAY = 86_400;
const WINDOW = 30 * DAY;
const NOW = 1_800_000_000;
const RATING = 'rating must be an integer from 1 to 5.';
const TESTIMONIAL = 'testimonial must be a string of at most 1000 characters.';

describe('feedbackRatingError', () => {
  it.each([1, 2, 3, 4, 5])('accepts %p', (rating) => expect(feedbackRatingError(rating)).toBeNull());

  it.each([0, 6, -1, 4.5, '5', null, undefined, true, [5], { value: 5 }, Number.NaN, Infinity])(
    'refuses %p',
    (rating) => expect(feedbackRatingError(rating)).toBe(RATING),
  );
});

describe('cleanTestimonial', () => {
  it('absent, null, empty or only whitespace is none', () => {
    for (const value of [undefined, null, '', '   ', '\n\t ']) expect(cleanTestimonial(value)).toEqual({ text: null });
  });

  it('trims, and counts characters (code points) up to 1000', () => {
    expect(cleanTestimonial('  Great mentor.  ')).toEqual({ text: 'Great mentor.' });
    expect(cleanTestimonial('x'.repeat(1000))).toEqual({ text: 'x'.repeat(1000) });
    expect(cleanTestimonial('😀'.repeat(1000))).toEqual({ text: '😀'.repeat(1000) });
    expect(cleanTestimonial(` ${'x'.repeat(1000)} `)).toEqual({ text: 'x'.repeat(1000) });
    expect(cleanTestimonial('x'.repeat(1001))).toEqual({ error: TESTIMONIAL });
  });

  it.each([5, true, ['a'], { text: 'a' }, 'a\u0000b', 'lone \ud800 surrogate'])('refuses %p', (value) => {
    expect(testimonialError(value)).toBe(TESTIMONIAL);
  });
});

describe('cleanHideReason', () => {
  it('is optional, trimmed, at most 500 characters', () => {
    expect(cleanHideReason(undefined)).toEqual({ text: null });
    expect(cleanHideReason(' spam ')).toEqual({ text: 'spam' });
    expect(cleanHideReason('x'.repeat(500))).toEqual({ text: 'x'.repeat(500) });
    expect(cleanHideReason('x'.repeat(501))).toEqual({ error: 'reason must be a string of at most 500 characters.' });
    expect(cleanHideReason(7)).toEqual({ error: 'reason must be a string of at most 500 characters.' });
  });
});

describe('feedbackWindowError (after the party check, in this order)', () => {
  const relation = (state: RelationState, completedAt: number | null, endDate = NOW - 40 * DAY) => ({
    state,
    completedAt,
    endDate,
  });

  it('needs a COMPLETED relation: never a cancelled, pending, accepted or rejected one', () => {
    for (const state of [
      RelationState.PENDING,
      RelationState.ACCEPTED,
      RelationState.REJECTED,
      RelationState.CANCELLED,
    ]) {
      expect(feedbackWindowError(relation(state, null), NOW, WINDOW)).toBe(
        'Feedback can only be left on a completed mentorship relation.',
      );
    }
  });

  it('is open until the window after completion has passed, then closed', () => {
    const closed = 'The feedback window for this mentorship relation has closed.';
    expect(feedbackWindowError(relation(RelationState.COMPLETED, NOW - 29 * DAY), NOW, WINDOW)).toBeNull();
    expect(feedbackWindowError(relation(RelationState.COMPLETED, NOW - WINDOW), NOW, WINDOW)).toBeNull();
    expect(feedbackWindowError(relation(RelationState.COMPLETED, NOW - WINDOW - 1), NOW, WINDOW)).toBe(closed);
    expect(feedbackWindowError(relation(RelationState.COMPLETED, NOW - 31 * DAY), NOW, WINDOW)).toBe(closed);
    // a shorter FEEDBACK_WINDOW
    expect(feedbackWindowError(relation(RelationState.COMPLETED, NOW - 2 * DAY), NOW, DAY)).toBe(closed);
  });

  it('falls back to the end date for relations completed before completed_at existed', () => {
    expect(feedbackWindowError(relation(RelationState.COMPLETED, null, NOW - DAY), NOW, WINDOW)).toBeNull();
    expect(feedbackWindowError(relation(RelationState.COMPLETED, null, NOW - 31 * DAY), NOW, WINDOW)).toBe(
      'The feedback window for this mentorship relation has closed.',
    );
  });
});

describe('who rates whom', () => {
  const relation = { mentorId: 1, menteeId: 2 };

  it('the mentee rates the mentor as a mentor, the mentor rates the mentee as a mentee', () => {
    expect(feedbackSubject(relation, 2)).toEqual({ subjectId: 1, subjectRole: 'mentor' });
    expect(feedbackSubject(relation, 1)).toEqual({ subjectId: 2, subjectRole: 'mentee' });
    expect(authorRoleOf('mentor')).toBe('mentee');
    expect(authorRoleOf('mentee')).toBe('mentor');
  });

  it('events carry the facts, never the text', () => {
    const facts = feedbackFacts({
      id: 9,
      relationId: 3,
      authorId: 2,
      subjectId: 1,
      subjectRole: 'mentor',
      rating: 4,
      testimonial: 'secret words',
    });
    expect(facts).toEqual({
      feedbackId: 9,
      relationId: 3,
      authorId: 2,
      subjectId: 1,
      subjectRole: 'mentor',
      rating: 4,
      hasTestimonial: true,
    });
    expect(JSON.stringify(facts)).not.toContain('secret');
  });
});
