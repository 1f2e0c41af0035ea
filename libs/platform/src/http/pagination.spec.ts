import { EXACT_TOTAL_LIMIT, paginationLinks, totalCountBound, totalFromBoundedCount } from './pagination';

describe('paginationLinks (RFC 8288)', () => {
  const url = new URL('http://api.test/users?search=ann&page=2&per_page=10');

  it('links first, prev, next and last, keeping the other parameters', () => {
    expect(paginationLinks(url, 2, 10, 35)).toBe(
      [
        '<http://api.test/users?search=ann&page=1&per_page=10>; rel="first"',
        '<http://api.test/users?search=ann&page=1&per_page=10>; rel="prev"',
        '<http://api.test/users?search=ann&page=3&per_page=10>; rel="next"',
        '<http://api.test/users?search=ann&page=4&per_page=10>; rel="last"',
      ].join(', '),
    );
  });

  it('has no prev on the first page, no next on the last, and a page 1 when nothing matches', () => {
    expect(paginationLinks(url, 1, 10, 5)).toBe(
      '<http://api.test/users?search=ann&page=1&per_page=10>; rel="first", <http://api.test/users?search=ann&page=1&per_page=10>; rel="last"',
    );
    expect(paginationLinks(url, 9, 10, 35)).toContain('page=4&per_page=10>; rel="prev"');
  });

  it('gives nothing for per_page 0', () => {
    expect(paginationLinks(url, 1, 0, 35)).toBeUndefined();
  });
});

describe('bounded totals', () => {
  const url = new URL('http://api.test/users?page=3&per_page=10');

  it('counts one past the limit, or one past the requested page when that is further', () => {
    expect(totalCountBound(1, 10)).toBe(EXACT_TOTAL_LIMIT + 1);
    expect(totalCountBound(200, 50)).toBe(10_001);
  });

  it('is exact below the bound and unknown at it', () => {
    expect(totalFromBoundedCount(999, 1_001)).toBe(999);
    expect(totalFromBoundedCount(1_000, 1_001)).toBe(1_000);
    expect(totalFromBoundedCount(1_001, 1_001)).toBeNull();
  });

  it('links first, prev and next but no last when the total is unknown', () => {
    expect(paginationLinks(url, 3, 10, null)).toBe(
      [
        '<http://api.test/users?page=1&per_page=10>; rel="first"',
        '<http://api.test/users?page=2&per_page=10>; rel="prev"',
        '<http://api.test/users?page=4&per_page=10>; rel="next"',
      ].join(', '),
    );
  });
});
