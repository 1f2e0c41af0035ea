import { proposalAnswerError, proposalEndDateShapeError, proposedEndDateError } from './proposal.rules';
import { MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from './relation.rules';

const NOW = 1_800_000_000;
const WEEK = 7 * 86_400;
const CURRENT = NOW + 8 * WEEK;

describe('proposalEndDateShapeError (the body DTO, in order)', () => {
  it.each([
    ['complete', undefined, null],
    ['complete', null, null],
    ['complete', NOW + 5 * WEEK, 'end_date is only allowed when kind is change_end_date.'],
    ['complete', 'soon', 'end_date is only allowed when kind is change_end_date.'],
    ['change_end_date', undefined, 'end_date is required when kind is change_end_date.'],
    ['change_end_date', null, 'end_date is required when kind is change_end_date.'],
    ['change_end_date', '1800000000', 'end_date must be a timestamp in seconds.'],
    ['change_end_date', true, 'end_date must be a timestamp in seconds.'],
    ['change_end_date', {}, 'end_date must be a timestamp in seconds.'],
    ['change_end_date', [NOW], 'end_date must be a timestamp in seconds.'],
    ['change_end_date', Infinity, 'end_date must be a timestamp in seconds.'],
    ['change_end_date', NaN, 'end_date must be a timestamp in seconds.'],
    ['change_end_date', NOW + 5.5 * WEEK, null],
    // An unknown kind is reported by the kind's own rule.
    ['finish', NOW, null],
    [undefined, 'x', null],
  ])('kind %p, end_date %p → %p', (kind, endDate, expected) => {
    expect(proposalEndDateShapeError(kind, endDate)).toBe(expected);
  });
});

describe('proposedEndDateError (4 to 24 weeks from now, then not the current one)', () => {
  const OUT = 'end_date must be between 4 and 24 weeks from now.';
  it.each([
    [NOW + MIN_DURATION_SECONDS, null],
    [NOW + MAX_DURATION_SECONDS, null],
    [NOW + 12 * WEEK, null],
    [NOW + MIN_DURATION_SECONDS - 0.001, OUT],
    [NOW + MAX_DURATION_SECONDS + 0.001, OUT],
    [NOW + 3 * WEEK, OUT],
    [NOW + 25 * WEEK, OUT],
    [NOW - WEEK, OUT],
    [CURRENT, 'end_date must differ from the current end date of the relation.'],
  ])('%p → %p', (endDate, expected) => {
    expect(proposedEndDateError(endDate, CURRENT, NOW)).toBe(expected);
  });

  it('an out-of-bounds date is reported as such even when it equals the current end date', () => {
    expect(proposedEndDateError(NOW + WEEK, NOW + WEEK, NOW)).toBe(OUT);
  });
});

describe('proposalAnswerError (consent of the other party)', () => {
  it('the proposer cannot accept or decline their own proposal', () => {
    expect(proposalAnswerError('accept', 1, 1)).toBe('You cannot accept your own proposal; the other party must.');
    expect(proposalAnswerError('decline', 1, 1)).toBe('You cannot decline your own proposal; withdraw it instead.');
  });

  it('the other party accepts or declines, but cannot withdraw', () => {
    expect(proposalAnswerError('accept', 1, 2)).toBeNull();
    expect(proposalAnswerError('decline', 1, 2)).toBeNull();
    expect(proposalAnswerError('withdraw', 1, 2)).toBe('Only the party who made a proposal can withdraw it.');
  });

  it('the proposer withdraws', () => {
    expect(proposalAnswerError('withdraw', 1, 1)).toBeNull();
  });
});
