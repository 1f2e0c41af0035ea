/**
 * Which users are in an ACCEPTED mentorship relation right now (then `is_available` is false).
 * The mentorship lib provides it; until then nobody is busy.
 */
export abstract class MentorshipAvailability {
  abstract busyAmong(userIds: number[]): Promise<Set<number>>;
}
