import { readBodyProblem } from './notification-bodies';

const TARGET = 'Give either ids or all: true (exactly one of them).';
const IDS = 'ids must be an array of 1 to 500 notification ids (positive integers).';
const ALL = 'all must be true.';

describe('readBodyProblem', () => {
  it('exactly one of ids and all comes first', () => {
    expect(readBodyProblem({})).toBe(TARGET);
    expect(readBodyProblem({ ids: [1], all: true })).toBe(TARGET);
    expect(readBodyProblem({ ids: 'x', all: false })).toBe(TARGET);
  });

  it('ids: 1 to 500 positive integers', () => {
    expect(readBodyProblem({ ids: [1] })).toBeNull();
    expect(readBodyProblem({ ids: Array.from({ length: 500 }, (_, n) => n + 1) })).toBeNull();
    expect(readBodyProblem({ ids: Array.from({ length: 501 }, (_, n) => n + 1) })).toBe(IDS);
    for (const ids of [[], [0], [-1], [1.5], ['1'], [null], 1, null]) expect(readBodyProblem({ ids })).toBe(IDS);
  });

  it('all: only true', () => {
    expect(readBodyProblem({ all: true })).toBeNull();
    for (const all of [false, 'true', 1, null]) expect(readBodyProblem({ all })).toBe(ALL);
  });
});
