/**
 * The user directory (GET /users, GET /users/verified): filters, literal search, the
 * X-Total-Count and Link headers, and the trigram indexes that serve the search.
 */
import { Client } from 'pg';
import type { Response } from 'light-my-request';
import { bearer, createUnverifiedUser, createVerifiedUser, type VerifiedUser } from '../support/accounts';
import { query } from '../support/database';
import { type AccountsEnv, expectMessage, MESSAGES, parseLinkHeader, startAccountsEnv } from './support';

describe('user directory', () => {
  let env: AccountsEnv;
  let caller: VerifiedUser;
  let annLee: VerifiedUser;
  let annxlee: VerifiedUser;
  let carol: { id: number; username: string };
  let dave: VerifiedUser;

  beforeAll(async () => {
    env = await startAccountsEnv();
    caller = await createVerifiedUser(env.test, env.sink, { name: 'Directory Caller' });
    annLee = await createVerifiedUser(env.test, env.sink, {
      username: 'ann_lee',
      email: 'ann_lee@example.org',
      name: 'Ann Lee',
    });
    annxlee = await createVerifiedUser(env.test, env.sink, {
      username: 'annxlee',
      email: 'annxlee@example.org',
      name: 'Annabel Xlee',
    });
    carol = await createUnverifiedUser(env.test, env.db.url, {
      username: 'carol_unverified',
      email: 'carol@example.org',
      name: 'Carol Ray',
      need_mentoring: true,
    });
    await query(env.db.url, 'update users set skills = $1, location = $2 where id = $3', [
      'python and SQL',
      'berlin',
      carol.id,
    ]);
    dave = await createVerifiedUser(env.test, env.sink, {
      username: 'dave_plain',
      email: 'dave@example.org',
      name: 'Dave Plain',
    });

    const update = async (user: VerifiedUser, payload: object) => {
      const response = await env.test.app.inject({
        method: 'PUT',
        url: '/user',
        headers: bearer(user.accessToken),
        payload,
      });
      expect(response.statusCode).toBe(200);
    };
    await update(annLee, {
      need_mentoring: true,
      available_to_mentor: false,
      skills: 'Python, TypeScript',
      interests: 'Gardening',
      location: 'Berlin, Germany',
    });
    await update(annxlee, {
      need_mentoring: false,
      available_to_mentor: true,
      skills: 'Rust',
      interests: 'Chess and Go',
      location: 'Lisbon',
    });
  });

  afterAll(async () => {
    await env?.close();
  });

  const list = (url: string) => env.test.app.inject({ method: 'GET', url, headers: bearer(caller.accessToken) });
  const usernames = (response: Response) => (response.json() as Array<{ username: string }>).map((u) => u.username);

  /** Status, usernames (ordered by id) and X-Total-Count in one value, for one exact assertion. */
  async function listing(url: string) {
    const response = await list(url);
    return {
      status: response.statusCode,
      usernames: response.statusCode === 200 ? usernames(response) : response.json(),
      total: response.headers['x-total-count'],
    };
  }

  describe('filters', () => {
    it.each([
      ['/users?need_mentoring=true', ['ann_lee', 'carol_unverified']],
      ['/users/verified?need_mentoring=true', ['ann_lee']],
      ['/users?need_mentoring=TRUE', ['ann_lee', 'carol_unverified']],
      ['/users?need_mentoring=false', ['annxlee', 'dave_plain']],
      ['/users/verified?need_mentoring=false', ['annxlee', 'dave_plain']],
      ['/users?available_to_mentor=true', ['annxlee']],
      ['/users/verified?available_to_mentor=true', ['annxlee']],
      ['/users?available_to_mentor=false', ['ann_lee', 'carol_unverified', 'dave_plain']],
      ['/users?skills=PYTHON', ['ann_lee', 'carol_unverified']],
      ['/users/verified?skills=python', ['ann_lee']],
      ['/users?skills=typescr', ['ann_lee']],
      ['/users?interests=chess', ['annxlee']],
      ['/users?interests=GARDEN', ['ann_lee']],
      ['/users?location=BERLIN', ['ann_lee', 'carol_unverified']],
      ['/users?location=germany', ['ann_lee']],
      ['/users?location=nowhere', []],
      ['/users?skills=python&need_mentoring=true&location=germany', ['ann_lee']],
      ['/users?skills=rust&need_mentoring=true', []],
      ['/users?need_mentoring=true&available_to_mentor=true', []],
    ])('%s', async (url, expected) => {
      expect(await listing(url)).toEqual({ status: 200, usernames: expected, total: String(expected.length) });
    });

    it('without filters: everyone but the caller (the unverified only in /users)', async () => {
      expect(await listing('/users')).toEqual({
        status: 200,
        usernames: ['ann_lee', 'annxlee', 'carol_unverified', 'dave_plain'],
        total: '4',
      });
      expect(await listing('/users/verified')).toEqual({
        status: 200,
        usernames: ['ann_lee', 'annxlee', 'dave_plain'],
        total: '3',
      });
    });

    it.each([['/users'], ['/users/verified']])(
      '%s?need_mentoring=maybe: 400 "The need_mentoring query parameter is invalid."',
      async (path) => {
        expectMessage(await list(`${path}?need_mentoring=maybe`), 400, MESSAGES.needMentoringInvalid);
      },
    );

    it('available_to_mentor=maybe: 400 "The available_to_mentor query parameter is invalid."', async () => {
      expectMessage(await list('/users?available_to_mentor=maybe'), 400, MESSAGES.availableToMentorInvalid);
    });
  });

  describe('search', () => {
    it('"_" is literal: "n_l" matches ann_lee only, not annxlee', async () => {
      expect(await listing('/users?search=n_l')).toEqual({ status: 200, usernames: ['ann_lee'], total: '1' });
      expect(await listing('/users/verified?search=N_L')).toEqual({ status: 200, usernames: ['ann_lee'], total: '1' });
    });

    it('"%" is literal: no name or username contains it, so [] (while there are users)', async () => {
      expect((await listing('/users')).usernames).not.toEqual([]);
      expect(await listing('/users?search=%25')).toEqual({ status: 200, usernames: [], total: '0' });
      expect(await listing('/users?search=ann%25')).toEqual({ status: 200, usernames: [], total: '0' });
    });

    it('"\\" is literal too', async () => {
      expect(await listing('/users?search=%5C')).toEqual({ status: 200, usernames: [], total: '0' });
    });

    it('a case-insensitive substring of the name or the username', async () => {
      expect(await listing('/users?search=ANN')).toEqual({
        status: 200,
        usernames: ['ann_lee', 'annxlee'],
        total: '2',
      });
      expect(await listing('/users?search=xlee')).toEqual({ status: 200, usernames: ['annxlee'], total: '1' });
      expect(await listing('/users?search=carol%20r')).toEqual({
        status: 200,
        usernames: ['carol_unverified'],
        total: '1',
      });
    });

    it('search combines with filters', async () => {
      expect(await listing('/users?search=ann&available_to_mentor=true')).toEqual({
        status: 200,
        usernames: ['annxlee'],
        total: '1',
      });
    });
  });

  describe('paging headers', () => {
    it('X-Total-Count is the number of all matches, not of the page', async () => {
      const response = await list('/users?per_page=1&need_mentoring=true');
      expect(response.statusCode).toBe(200);
      expect(usernames(response)).toEqual(['ann_lee']);
      expect(response.headers['x-total-count']).toBe('2');
    });

    it('page 1 of 2: Link has first, next and last (no prev), keeping the other query parameters', async () => {
      const response = await list('/users?per_page=1&need_mentoring=true');
      const links = parseLinkHeader(response.headers.link as string);
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next']);
      const params = (rel: string) => Object.fromEntries(links[rel].searchParams);
      expect(params('first')).toEqual({ need_mentoring: 'true', page: '1', per_page: '1' });
      expect(params('next')).toEqual({ need_mentoring: 'true', page: '2', per_page: '1' });
      expect(params('last')).toEqual({ need_mentoring: 'true', page: '2', per_page: '1' });
      expect(links.next.pathname).toBe('/users');
    });

    it('page 2 of 2: Link has first, prev and last (no next)', async () => {
      const response = await list('/users?per_page=1&page=2&need_mentoring=true');
      expect(usernames(response)).toEqual(['carol_unverified']);
      expect(response.headers['x-total-count']).toBe('2');
      const links = parseLinkHeader(response.headers.link as string);
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'prev']);
      expect(links.prev.searchParams.get('page')).toBe('1');
      expect(links.last.searchParams.get('page')).toBe('2');
    });

    it('a middle page has both prev and next; following next walks every match once', async () => {
      const response = await list('/users/verified?per_page=1&page=2');
      expect(response.headers['x-total-count']).toBe('3');
      const links = parseLinkHeader(response.headers.link as string);
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next', 'prev']);
      expect(links.prev.searchParams.get('page')).toBe('1');
      expect(links.next.searchParams.get('page')).toBe('3');
      expect(links.last.searchParams.get('page')).toBe('3');
      expect(links.prev.pathname).toBe('/users/verified');

      const seen: string[] = [];
      let url: string | undefined = '/users/verified?per_page=1';
      while (url) {
        const page = await list(url);
        seen.push(...usernames(page));
        const next: URL | undefined = parseLinkHeader(page.headers.link as string).next;
        url = next ? `${next.pathname}${next.search}` : undefined;
      }
      expect(seen).toEqual(['ann_lee', 'annxlee', 'dave_plain']);
    });

    it('no match: X-Total-Count 0 and a Link with first and last (page 1)', async () => {
      const response = await list('/users?search=zzzz');
      expect(response.json()).toEqual([]);
      expect(response.headers['x-total-count']).toBe('0');
      const links = parseLinkHeader(response.headers.link as string);
      expect(Object.keys(links).sort()).toEqual(['first', 'last']);
      expect(links.last.searchParams.get('page')).toBe('1');
    });
  });

  it('the name and username searches can use the trigram indexes', async () => {
    const client = new Client({ connectionString: env.db.url });
    await client.connect();
    try {
      await client.query('set enable_seqscan = off');
      const { rows } = await client.query(
        "explain select * from users where name ilike '%ann%' or username ilike '%ann%'",
      );
      const plan = rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('users_name_trgm_idx');
      expect(plan).toContain('users_username_trgm_idx');
    } finally {
      await client.end();
    }
  });

  it('the directory never lists the caller', async () => {
    const response = await list(`/users?search=${caller.username}`);
    expect(response.json()).toEqual([]);
    expect(dave.id).toBeGreaterThan(caller.id);
  });
});
