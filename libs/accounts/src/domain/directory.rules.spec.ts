import { containsPattern, parseBooleanFilter, parsePaging, pythonInt } from './directory.rules';

describe('parsePaging (Flask-SQLAlchemy paginate, error_out=False, max 50)', () => {
  it.each([
    [undefined, undefined, 1, 10],
    ['2', '5', 2, 5],
    ['0', '10', 1, 10],
    ['-3', '10', 1, 10],
    ['abc', 'x', 1, 10],
    ['1', '500', 1, 50],
    ['1', '0', 1, 0],
    ['1', '-1', 1, 20],
    [' 3 ', '+7', 3, 7],
    ['1.5', '2.0', 1, 10],
  ])('page=%p per_page=%p → %i, %i', (page, perPage, expectedPage, expectedPerPage) => {
    expect(parsePaging(page, perPage)).toEqual({ page: expectedPage, perPage: expectedPerPage });
  });

  it('pythonInt refuses what int() refuses', () => {
    expect(pythonInt('12')).toBe(12);
    expect(pythonInt('')).toBeUndefined();
    expect(pythonInt('1e3')).toBeUndefined();
    expect(pythonInt('99999999999999999999')).toBeUndefined();
  });
});

describe('containsPattern', () => {
  it('matches %, _ and \\ literally', () => {
    expect(containsPattern('ann')).toBe('%ann%');
    expect(containsPattern('50%')).toBe('%50\\%%');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});

describe('parseBooleanFilter', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['no', false],
    ['maybe', undefined],
  ])('%p → %p', (value, expected) => {
    expect(parseBooleanFilter(value)).toBe(expected);
  });
});
