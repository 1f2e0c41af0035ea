import type { EntityManager } from '@mikro-orm/core';

/**
 * Which users are in an ACCEPTED mentorship relation right now (then `is_available` is false).
 * The mentorship lib provides it; until then nobody is busy.
 */
export abstract class MentorshipAvailability {
  abstract busyAmong(userIds: number[]): Promise<Set<number>>;

  /** The id of the ACCEPTED relation between `a` and `b`, if any (read in the caller's transaction). */
  acceptedRelationBetween(_em: EntityManager, _a: number, _b: number): Promise<number | null> {
    return Promise.resolve(null);
  }
}
