import { asUserId, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS, sendRequestError } from './relation.rules';
import { parseRelationState, RelationState, stateFilterOf } from './relation-state';

const NOW = 1_800_000_000;
const valid = { mentorId: 1, menteeId: 2, endDate: NOW + 8 * 7 * 86_400, notes: 'hi' };

describe('sendRequestError (reference §2.3 #18 steps 2–7, in order)', () => {
  const error = (change: object, caller = 1) => {
    const result = sendRequestError({ ...valid, ...change }, caller, NOW);
    return 'error' in result ? result.error : null;
  };

  it('accepts a valid request from either party', () => {
    expect(error({})).toBeNull();
    expect(error({}, 2)).toBeNull();
  });

  it.each([
    [{}, 3, 'Your ID has to match either Mentor or Mentee IDs.'],
    [{ mentorId: '1' }, 1, 'Your ID has to match either Mentor or Mentee IDs.'],
    [{ menteeId: 1 }, 1, 'You cannot have a mentorship relation with yourself.'],
    [{ endDate: 1_580_338_800_000_000 }, 1, 'Validation error. End date represented by the timestamp is invalid.'],
    [{ endDate: 'soon' }, 1, 'Validation error. End date represented by the timestamp is invalid.'],
    [{ endDate: null }, 1, 'Validation error. End date represented by the timestamp is invalid.'],
    [{ endDate: NOW - 1 }, 1, 'End date is invalid since date has passed.'],
    [{ endDate: true }, 1, 'End date is invalid since date has passed.'],
    [{ endDate: NOW + MAX_DURATION_SECONDS + 1 }, 1, 'Mentorship relation maximum duration is 6 months.'],
    [{ endDate: NOW + MIN_DURATION_SECONDS - 1 }, 1, 'Mentorship relation minimum duration is 4 week.'],
    [{ notes: 5 }, 1, 'The notes field must be a string.'],
    [{ notes: 'x'.repeat(401) }, 1, 'The notes field has to be shorter than 401 characters.'],
    [{ notes: 'a\u0000' }, 1, 'The notes field contains characters that are not allowed.'],
  ])('%o from %i → %s', (change, caller, message) => {
    expect(error(change, caller)).toBe(message);
  });

  it('accepts exactly 4 and exactly 24 weeks', () => {
    expect(error({ endDate: NOW + MIN_DURATION_SECONDS })).toBeNull();
    expect(error({ endDate: NOW + MAX_DURATION_SECONDS })).toBeNull();
  });

  it('asUserId takes positive 32-bit integers only', () => {
    expect(asUserId(7)).toBe(7);
    expect([asUserId(0), asUserId(-1), asUserId(1.5), asUserId('7'), asUserId(2 ** 31)]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('relation_state', () => {
  it('is case-insensitive and knows the five states', () => {
    expect(parseRelationState('accepted')).toBe(RelationState.ACCEPTED);
    expect(parseRelationState('Pending')).toBe(RelationState.PENDING);
    expect(parseRelationState('done')).toBeUndefined();
  });

  it('reads the query as the reference does', () => {
    expect(stateFilterOf({})).toEqual({ kind: 'all' });
    expect(stateFilterOf({ relation_state: '' })).toEqual({ kind: 'all' });
    expect(stateFilterOf({ relation_state: 'COMPLETED' })).toEqual({ kind: 'state', state: 5 });
    expect(stateFilterOf({ relation_state: 'nope' })).toEqual({ kind: 'unknown_state' });
    expect(stateFilterOf({ page: '1' })).toEqual({ kind: 'malformed' });
  });
});
