import { byRank, sameLocation, scoreCandidate } from './recommendation.rules';

const none = {
  overlap: [],
  inAcceptedRelation: true,
  pendingReceived: 0,
  sharedLocation: null,
  ratingTotal: 0,
  ratingCount: 0,
};

describe('recommendation rules', () => {
  it('scores nothing without facts', () => {
    expect(scoreCandidate('mentor', none)).toEqual({ score: 0, reasons: [] });
  });

  it('adds 3 per overlapping tag, worded by direction', () => {
    expect(scoreCandidate('mentor', { ...none, overlap: ['Go', 'Rust'] })).toEqual({
      score: 6,
      reasons: ['teaches Go, which you want to learn', 'teaches Rust, which you want to learn'],
    });
    expect(scoreCandidate('mentee', { ...none, overlap: ['Go'] }).reasons).toEqual([
      'wants to learn Go, which you teach',
    ]);
  });

  it('adds 2 when free, 1 for the same location, and weighs the rating around 3', () => {
    expect(scoreCandidate('mentor', { ...none, inAcceptedRelation: false }).score).toBe(2);
    expect(scoreCandidate('mentor', { ...none, sharedLocation: 'Lima' }).reasons).toEqual(['is also in Lima']);
    expect(scoreCandidate('mentor', { ...none, ratingTotal: 3, ratingCount: 3 })).toEqual({
      score: -1,
      reasons: ['rated 1 by 3 mentees'],
    });
    expect(scoreCandidate('mentee', { ...none, ratingTotal: 9, ratingCount: 2 })).toEqual({
      score: 0.75,
      reasons: ['rated 4.5 by 2 mentors'],
    });
  });

  it('takes 0.5 per pending request, at most 2', () => {
    expect(scoreCandidate('mentor', { ...none, pendingReceived: 1 })).toEqual({
      score: -0.5,
      reasons: ['already has 1 pending request'],
    });
    expect(scoreCandidate('mentor', { ...none, pendingReceived: 9 }).score).toBe(-2);
  });

  it('compares locations trimmed and in any case; empty ones never match', () => {
    expect(sameLocation(' Berlin ', 'berlin')).toBe(true);
    expect(sameLocation('', '')).toBe(false);
    expect(sameLocation(null, 'x')).toBe(false);
  });

  it('orders best first, ties by id', () => {
    const ranked = [
      { id: 3, score: 1 },
      { id: 1, score: 1 },
      { id: 2, score: 5 },
    ].sort(byRank);
    expect(ranked.map((entry) => entry.id)).toEqual([2, 1, 3]);
  });
});
