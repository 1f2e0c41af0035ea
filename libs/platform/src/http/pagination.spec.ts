import { paginationLinks } from './pagination';

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
