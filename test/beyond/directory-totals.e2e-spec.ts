/**
 * The directory counts its matches exactly up to 1,000 (or to the end of the requested page, when
 * that is further); past that X-Total-Count and rel="last" are left out, so a count never has to
 * scan a large table (1M users in bench/).
 */
import type { Response } from 'light-my-request';
import { bearer, createVerifiedUser, type VerifiedUser } from '../support/accounts';
import { query } from '../support/database';
import { type AccountsEnv, parseLinkHeader, startAccountsEnv } from './support';

describe('user directory totals of large listings', () => {
  let env: AccountsEnv;
  let caller: VerifiedUser;

  const list = (url: string): Promise<Response> =>
    env.test.app.inject({ method: 'GET', url, headers: bearer(caller.accessToken) });
  const usernames = (response: Response) => (response.json() as { username: string }[]).map((user) => user.username);

  beforeAll(async () => {
    env = await startAccountsEnv();
    caller = await createVerifiedUser(env.test, env.sink, { name: 'Totals Caller' });
    await query(
      env.db.url,
      `insert into users (name, username, email, registration_date, is_email_verified, need_mentoring)
       select 'Crowd Member ' || n, 'crowd_' || lpad(n::text, 4, '0'), 'crowd_' || n || '@example.org',
              extract(epoch from now()), true, n <= 1000
         from generate_series(1, 1001) as n`,
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  it('1,001 matches: no X-Total-Count, and Link has first and next but no last', async () => {
    const response = await list('/users/verified?search=crowd_');
    expect(response.statusCode).toBe(200);
    expect(usernames(response)).toEqual(
      Array.from({ length: 10 }, (_, i) => `crowd_${String(i + 1).padStart(4, '0')}`),
    );
    expect(response.headers['x-total-count']).toBeUndefined();
    const links = parseLinkHeader(response.headers.link as string);
    expect(Object.keys(links).sort()).toEqual(['first', 'next']);
    expect(links.next.searchParams.get('page')).toBe('2');
  });

  it('exactly 1,000 matches are still counted', async () => {
    const response = await list('/users/verified?search=crowd_&need_mentoring=true&per_page=50');
    expect(response.headers['x-total-count']).toBe('1000');
    expect(parseLinkHeader(response.headers.link as string).last.searchParams.get('page')).toBe('20');
  });

  it('a page past the first 1,000 counts to its own end, so the last page knows it is the last', async () => {
    const response = await list('/users/verified?search=crowd_&page=101&per_page=10');
    expect(usernames(response)).toEqual(['crowd_1001']);
    expect(response.headers['x-total-count']).toBe('1001');
    const links = parseLinkHeader(response.headers.link as string);
    expect(Object.keys(links).sort()).toEqual(['first', 'last', 'prev']);
    expect(links.last.searchParams.get('page')).toBe('101');
  });

  it('a page in the middle of more than 1,000 matches links prev and next', async () => {
    const response = await list('/users?search=crowd_&page=50&per_page=10');
    expect(usernames(response)[0]).toBe('crowd_0491');
    expect(response.headers['x-total-count']).toBeUndefined();
    const links = parseLinkHeader(response.headers.link as string);
    expect(Object.keys(links).sort()).toEqual(['first', 'next', 'prev']);
    expect(links.prev.searchParams.get('page')).toBe('49');
  });
});
