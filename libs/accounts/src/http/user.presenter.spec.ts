import { parseMinRating, ratingAverage, ratingAverageSql, ratingsOf } from '../domain/ratings';
import type { User } from '../domain/user.entity';
import { presentPublicUser, pythonIsoFormat } from './user.presenter';

describe('pythonIsoFormat (flask-restx DateTime of a naive utcnow())', () => {
  it('prints microseconds when there are any', () => {
    expect(pythonIsoFormat(new Date('2026-11-29T20:01:02.123Z'))).toBe('2026-11-29T20:01:02.123000');
  });

  it('prints none on a whole second, and null for null', () => {
    expect(pythonIsoFormat(new Date('2026-11-29T20:01:02.000Z'))).toBe('2026-11-29T20:01:02');
    expect(pythonIsoFormat(null)).toBeNull();
  });
});

describe('ratings on the public profile', () => {
  const counters = { mentorRatingCount: 0, mentorRatingTotal: 0, menteeRatingCount: 0, menteeRatingTotal: 0 };

  it('an unrated member has no ratings key at all', () => {
    expect(ratingsOf(counters)).toBeUndefined();
    const user = { id: 1, ...counters } as unknown as User;
    expect(Object.keys(presentPublicUser(user, null))).not.toContain('ratings');
  });

  it('averages are rounded to 2 decimals, null without ratings in that role', () => {
    expect(ratingsOf({ ...counters, mentorRatingCount: 3, mentorRatingTotal: 11 })).toEqual({
      as_mentor: { average: 3.67, count: 3 },
      as_mentee: { average: null, count: 0 },
    });
    expect(ratingsOf({ ...counters, menteeRatingCount: 2, menteeRatingTotal: 9 })).toEqual({
      as_mentor: { average: null, count: 0 },
      as_mentee: { average: 4.5, count: 2 },
    });
    expect(ratingAverage(3, 10)).toBe(3.33);
    expect(ratingAverage(1, 5)).toBe(5);
    expect(ratingAverage(0, 0)).toBeNull();
    const user = { id: 1, ...counters, mentorRatingCount: 2, mentorRatingTotal: 9 } as unknown as User;
    expect(presentPublicUser(user, null).ratings).toEqual({
      as_mentor: { average: 4.5, count: 2 },
      as_mentee: { average: null, count: 0 },
    });
  });
});

describe('parseMinRating (min_rating, min_mentee_rating)', () => {
  it('absent or empty is no filter', () => {
    expect(parseMinRating(undefined)).toBeUndefined();
    expect(parseMinRating('')).toBeUndefined();
  });

  it.each([
    ['1', 1],
    ['4', 4],
    ['3.5', 3.5],
    ['4.25', 4.25],
    ['5', 5],
    ['5.0', 5],
  ])('%p is %p', (text, value) => expect(parseMinRating(text)).toBe(value));

  it.each(['0', '0.99', '5.01', '6', 'abc', '-1', '4,5', '1e0', 'Infinity', 'NaN', '.5', '4.'])(
    '%p is invalid',
    (text) => expect(parseMinRating(text)).toBeNull(),
  );
});

describe('ratingAverageSql', () => {
  it('is the expression of the partial indexes users_mentor_rating_idx / users_mentee_rating_idx', () => {
    expect(ratingAverageSql('mentor')).toBe('("mentor_rating_total"::float8 / "mentor_rating_count")');
    expect(ratingAverageSql('mentee')).toBe('("mentee_rating_total"::float8 / "mentee_rating_count")');
  });
});
