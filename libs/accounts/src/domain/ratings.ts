import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

/** The role a member was rated in: the role they had in the relation. */
export type RatedRole = 'mentor' | 'mentee';

/** A rating summary as profiles show it. */
export interface RatingSummary {
  /** The mean rating, rounded to 2 decimals; null without ratings. */
  average: number | null;
  count: number;
}

/** What a rating summary is computed from (a User, or a row with the same fields). */
export interface RatingCounters {
  mentorRatingCount: number;
  mentorRatingTotal: number;
  menteeRatingCount: number;
  menteeRatingTotal: number;
}

const COLUMNS: Record<RatedRole, { count: string; total: string }> = {
  mentor: { count: 'mentor_rating_count', total: 'mentor_rating_total' },
  mentee: { count: 'mentee_rating_count', total: 'mentee_rating_total' },
};

/**
 * The average of a role as the directory filters by it: the very expression of the partial
 * indexes users_mentor_rating_idx / users_mentee_rating_idx (with `count > 0`, their predicate),
 * so that the planner can serve a `min_rating` filter from the index.
 */
export function ratingAverageSql(role: RatedRole): string {
  const { count, total } = COLUMNS[role];
  return `("${total}"::float8 / "${count}")`;
}

/** The counter property of a role (its `> 0` is the partial index's predicate). */
export function ratingCountProperty(role: RatedRole): 'mentorRatingCount' | 'menteeRatingCount' {
  return role === 'mentor' ? 'mentorRatingCount' : 'menteeRatingCount';
}

/**
 * Moves a member's rating summary by the given deltas, in the caller's transaction: one atomic
 * `update ... set x = x + ?`, so concurrent feedback on different relations never loses a rating.
 * Leaving feedback is (+1, +rating), editing it (0, new - old), removing it (-1, -rating).
 */
export async function recordRatingChange(
  em: SqlEntityManager,
  userId: number,
  role: RatedRole,
  countDelta: number,
  totalDelta: number,
): Promise<void> {
  if (countDelta === 0 && totalDelta === 0) return;
  const { count, total } = COLUMNS[role];
  await em.execute(`update "users" set "${count}" = "${count}" + ?, "${total}" = "${total}" + ? where "id" = ?`, [
    countDelta,
    totalDelta,
    userId,
  ]);
}

/** The mean of `count` ratings summing to `total`, rounded to 2 decimals; null without ratings. */
export function ratingAverage(count: number, total: number): number | null {
  if (count <= 0) return null;
  return Math.round((total / count) * 100) / 100;
}

/**
 * A member's ratings as a mentor and as a mentee, or undefined when they have none at all (so an
 * unrated member's profile keeps exactly the reference's keys).
 */
export function ratingsOf(user: RatingCounters): { as_mentor: RatingSummary; as_mentee: RatingSummary } | undefined {
  if (user.mentorRatingCount <= 0 && user.menteeRatingCount <= 0) return undefined;
  return {
    as_mentor: {
      average: ratingAverage(user.mentorRatingCount, user.mentorRatingTotal),
      count: user.mentorRatingCount,
    },
    as_mentee: {
      average: ratingAverage(user.menteeRatingCount, user.menteeRatingTotal),
      count: user.menteeRatingCount,
    },
  };
}

/**
 * A `min_rating` / `min_mentee_rating` query value: a number from 1 to 5 (decimals allowed, as
 * averages have them). Undefined when absent or empty; null when it is anything else (a 400).
 */
export function parseMinRating(value: string | undefined): number | undefined | null {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (!/^\d{1,2}(\.\d{1,6})?$/.test(text)) return null;
  const parsed = Number(text);
  return parsed >= 1 && parsed <= 5 ? parsed : null;
}
