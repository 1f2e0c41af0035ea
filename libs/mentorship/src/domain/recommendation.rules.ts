/**
 * How GET /users/recommended ranks a counterpart for the caller. Pure: the facts come from one
 * query, the score and its reasons from here. Points, per direction (a mentor for the caller, or
 * a mentee for the caller):
 * - +3 per tag of overlap: the caller wants to learn it and the candidate teaches it (mentor), or
 *   the caller teaches it and the candidate wants to learn it (mentee);
 * - +2 when the candidate is in no ACCEPTED relation (free to start one);
 * - -0.5 per PENDING request the candidate has received and not answered, at most -2 (load);
 * - +1 when both give the same location (trimmed, any case);
 * - when rated in the role that matters (as a mentor for a mentor, as a mentee for a mentee):
 *   +(average - 3) x 0.5, so 5 stars give +1 and 1 star -1.
 * A candidate open in both directions keeps the better one (the mentor one on a tie).
 */
export type RecommendationDirection = 'mentor' | 'mentee';

export const OVERLAP_POINTS = 3;
export const FREE_POINTS = 2;
export const PENDING_PENALTY = 0.5;
export const MAX_PENDING_PENALTY = 2;
export const SAME_LOCATION_POINTS = 1;
export const RATING_WEIGHT = 0.5;

export interface CandidateFacts {
  /** Labels of the overlapping tags, in the caller's order. */
  overlap: string[];
  inAcceptedRelation: boolean;
  pendingReceived: number;
  /** The candidate's location (as they wrote it) when it equals the caller's, else null. */
  sharedLocation: string | null;
  /** Sum and count of the candidate's ratings in the role of this direction. */
  ratingTotal: number;
  ratingCount: number;
}

export interface Recommendation {
  score: number;
  reasons: string[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function scoreCandidate(direction: RecommendationDirection, facts: CandidateFacts): Recommendation {
  let score = 0;
  const reasons: string[] = [];
  for (const label of facts.overlap) {
    score += OVERLAP_POINTS;
    reasons.push(
      direction === 'mentor' ? `teaches ${label}, which you want to learn` : `wants to learn ${label}, which you teach`,
    );
  }
  if (!facts.inAcceptedRelation) {
    score += FREE_POINTS;
    reasons.push('is free to start a mentorship');
  }
  if (facts.pendingReceived > 0) {
    score -= Math.min(facts.pendingReceived * PENDING_PENALTY, MAX_PENDING_PENALTY);
    reasons.push(
      facts.pendingReceived === 1
        ? 'already has 1 pending request'
        : `already has ${facts.pendingReceived} pending requests`,
    );
  }
  if (facts.sharedLocation) {
    score += SAME_LOCATION_POINTS;
    reasons.push(`is also in ${facts.sharedLocation}`);
  }
  if (facts.ratingCount > 0) {
    const average = facts.ratingTotal / facts.ratingCount;
    score += (average - 3) * RATING_WEIGHT;
    const raters = direction === 'mentor' ? 'mentee' : 'mentor';
    reasons.push(`rated ${round2(average)} by ${facts.ratingCount} ${raters}${facts.ratingCount === 1 ? '' : 's'}`);
  }
  return { score: round2(score), reasons };
}

/** The better of two directions (mentor first on a tie). */
export function bestOf<T extends Recommendation & { direction: RecommendationDirection }>(a: T, b: T): T {
  return b.score > a.score ? b : a;
}

/** Whether two locations are the same place as written (trimmed, any case); empty ones never are. */
export function sameLocation(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = a?.trim().toLowerCase();
  const y = b?.trim().toLowerCase();
  return !!x && x === y;
}

/** Best first; equal scores by user id, so the same data always gives the same order. */
export function byRank(a: { id: number; score: number }, b: { id: number; score: number }): number {
  return b.score - a.score || a.id - b.id;
}
