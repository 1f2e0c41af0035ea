/** The reference's MentorshipRelationState (an IntEnum); the API shows the integer. */
export enum RelationState {
  PENDING = 1,
  ACCEPTED = 2,
  REJECTED = 3,
  CANCELLED = 4,
  COMPLETED = 5,
}

/** `relation_state=accepted` → ACCEPTED (case-insensitive); undefined for anything else. */
export function parseRelationState(value: string): RelationState | undefined {
  const upper = value.toUpperCase();
  const state = (RelationState as unknown as Record<string, RelationState | string>)[upper];
  return typeof state === 'number' ? state : undefined;
}

export type StateFilter =
  { kind: 'all' } | { kind: 'state'; state: RelationState } | { kind: 'unknown_state' } | { kind: 'malformed' };

/**
 * GET /mentorship_relations' query, read as the reference does: no args, or an empty
 * relation_state, is every relation; args without relation_state are a 400 (it indexes
 * args["relation_state"]); an unknown state is a 400 with `[]`.
 */
export function stateFilterOf(params: Record<string, unknown>): StateFilter {
  if (Object.keys(params).length === 0) return { kind: 'all' };
  if (!('relation_state' in params)) return { kind: 'malformed' };
  const raw = Array.isArray(params.relation_state) ? params.relation_state[0] : params.relation_state;
  if (typeof raw !== 'string' || raw === '') return { kind: 'all' };
  const state = parseRelationState(raw);
  return state === undefined ? { kind: 'unknown_state' } : { kind: 'state', state };
}
