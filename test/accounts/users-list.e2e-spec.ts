/**
 * GET /users and GET /users/verified (reference §2.1 #6–7, §4.9; tests/users/test_api_list_users.py).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  bearer,
  createUnverifiedUser,
  createVerifiedUser,
  deleteOwnAccount,
  itRejectsMissingExpiredAndInvalidTokens,
  PUBLIC_USER_KEYS,
  type VerifiedUser,
} from '../support/accounts';

interface Listed {
  id: number;
  username: string;
  name: string;
  verified: boolean;
  need_mentoring: boolean;
  available_to_mentor: boolean;
}

const FILLERS = 52;

describe('GET /users and GET /users/verified', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;

  let me: VerifiedUser;
  let alice: VerifiedUser;
  let bob: VerifiedUser;
  let carol: VerifiedUser;
  let dave: VerifiedUser;
  let gone: VerifiedUser;
  /** Every live user but `me`, ordered by id. */
  let others: Listed[];

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });

    me = await createVerifiedUser(test, sink, { name: 'Caller Person', username: 'the_caller' });
    [alice, bob, carol, dave, gone] = await Promise.all([
      createVerifiedUser(test, sink, { name: 'Alice Bravo', username: 'alice_bravo', need_mentoring: true }),
      createVerifiedUser(test, sink, { name: 'Bob Charlie', username: 'bobby_c', available_to_mentor: true }),
      createVerifiedUser(test, sink, { name: 'Carol Delta', username: 'carol_d' }),
      createVerifiedUser(test, sink, {
        name: 'Dave Echo',
        username: 'dave_echo',
        need_mentoring: true,
        available_to_mentor: true,
      }),
      createVerifiedUser(test, sink, { name: 'Gone Away', username: 'gone_away', available_to_mentor: true }),
    ]);
    await deleteOwnAccount(test, gone);

    const uma = await createUnverifiedUser(test, db.url, {
      name: 'Uma Unverified',
      username: 'uma_unverified',
      need_mentoring: true,
    });
    const fillers: Array<{ id: number; username: string; name: string }> = [];
    for (let start = 0; start < FILLERS; start += 13) {
      const batch = Array.from({ length: Math.min(13, FILLERS - start) }, (_, i) =>
        createUnverifiedUser(test, db.url, { username: `filler_${String(start + i).padStart(2, '0')}` }),
      );
      fillers.push(...(await Promise.all(batch)));
    }

    // Public profile fields for Carol, plus private ones that must never be listed.
    await query(
      db.url,
      `update users set bio = 'Carol bio', location = 'Lisbon', occupation = 'Engineer', organization = 'AnitaB',
        slack_username = 'carol_slack', interests = 'Chess', skills = 'Go, SQL',
        social_media_links = 'https://social.example/carol', resume_url = 'https://cv.example/carol',
        photo_url = 'https://photo.example/carol' where id = $1`,
      [carol.id],
    );

    const flags = (need_mentoring: boolean, available_to_mentor: boolean) => ({ need_mentoring, available_to_mentor });
    others = [
      { ...alice, verified: true, ...flags(true, false) },
      { ...bob, verified: true, ...flags(false, true) },
      { ...carol, verified: true, ...flags(false, false) },
      { ...dave, verified: true, ...flags(true, true) },
      { id: uma.id, username: uma.username, name: uma.name, verified: false, ...flags(true, false) },
      ...fillers.map((filler) => ({ ...filler, verified: false, ...flags(false, false) })),
    ]
      .map(({ id, username, name, verified, need_mentoring, available_to_mentor }) => ({
        id,
        username,
        name,
        verified,
        need_mentoring,
        available_to_mentor,
      }))
      .sort((a, b) => a.id - b.id);
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const list = async (url: string, token = me.accessToken) => {
    const response = await test.app.inject({ method: 'GET', url, headers: bearer(token) });
    expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    return response.json() as Array<Record<string, unknown>>;
  };
  const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);
  const idsOf = (users: Array<{ id: number }>) => users.map((user) => user.id);
  const verifiedOthers = () => others.filter((user) => user.verified);
  /** Usernames in id order (users created concurrently get their ids in any order). */
  const byId = (usernames: string[]) =>
    usernames
      .map((username) => others.find((user) => user.username === username)!)
      .sort((a, b) => a.id - b.id)
      .map((user) => user.username);

  describe('GET /users', () => {
    it('lists the first 10 other users by id, the caller excluded', async () => {
      const items = await list('/users');
      expect(ids(items)).toEqual(idsOf(others.slice(0, 10)));
      expect(ids(items)).not.toContain(me.id);
    });

    it('items are exactly the public user model', async () => {
      const items = await list('/users?per_page=50');
      for (const item of items) expect(Object.keys(item).sort()).toEqual(PUBLIC_USER_KEYS);
    });

    it('shows the public profile fields and nothing private', async () => {
      const [registration] = await query<{ registration_date: number }>(
        db.url,
        'select registration_date from users where id = $1',
        [carol.id],
      );
      const item = (await list('/users?search=carol'))[0];
      expect(item).toEqual({
        id: carol.id,
        username: 'carol_d',
        name: 'Carol Delta',
        slack_username: 'carol_slack',
        bio: 'Carol bio',
        location: 'Lisbon',
        occupation: 'Engineer',
        organization: 'AnitaB',
        interests: 'Chess',
        skills: 'Go, SQL',
        need_mentoring: false,
        available_to_mentor: false,
        is_available: false,
        registration_date: expect.any(Number),
      });
      expect(item.registration_date as number).toBeCloseTo(Number(registration.registration_date), 2);
      expect(JSON.stringify(item)).not.toMatch(/social|cv\.example|photo\.example|@example\.org|argon/);
    });

    it('includes unverified users', async () => {
      const items = await list('/users?search=uma');
      expect(items).toEqual([
        {
          id: others.find((user) => user.username === 'uma_unverified')!.id,
          username: 'uma_unverified',
          name: 'Uma Unverified',
          slack_username: null,
          bio: null,
          location: null,
          occupation: null,
          organization: null,
          interests: null,
          skills: null,
          need_mentoring: true,
          available_to_mentor: false,
          is_available: true,
          registration_date: expect.any(Number),
        },
      ]);
    });

    it('never lists a deleted user', async () => {
      const all = [...(await list('/users?per_page=50')), ...(await list('/users?per_page=50&page=2'))];
      expect(ids(all)).toEqual(idsOf(others));
      expect(ids(all)).not.toContain(gone.id);
      expect(await list('/users?search=gone')).toEqual([]);
    });

    it('is_available is need_mentoring OR available_to_mentor for users in no relation', async () => {
      const items = await list('/users?per_page=50');
      const availability = Object.fromEntries(items.map((item) => [item.username, item.is_available]));
      expect(availability).toMatchObject({
        alice_bravo: true,
        bobby_c: true,
        carol_d: false,
        dave_echo: true,
        uma_unverified: true,
        filler_00: false,
      });
      for (const item of items) {
        expect({ id: item.id, is_available: item.is_available }).toEqual({
          id: item.id,
          is_available: Boolean(item.need_mentoring) || Boolean(item.available_to_mentor),
        });
      }
    });

    it('registration_date is epoch seconds', async () => {
      const now = Date.now() / 1000;
      for (const item of await list('/users')) {
        expect(typeof item.registration_date).toBe('number');
        expect(item.registration_date as number).toBeGreaterThan(now - 600);
        expect(item.registration_date as number).toBeLessThanOrEqual(now + 1);
      }
    });

    describe('pagination', () => {
      it.each([
        ['page=2', 10, 20],
        ['page=6', 50, 60],
        ['per_page=5', 0, 5],
        ['per_page=5&page=3', 10, 15],
        ['page=3&per_page=7', 14, 21],
        ['per_page=1&page=57', 56, 57],
        ['per_page=50', 0, 50],
        ['per_page=50&page=2', 50, 100],
        ['per_page=57', 0, 50],
        ['per_page=1000', 0, 50],
      ])('%s', async (params, from, to) => {
        expect(ids(await list(`/users?${params}`))).toEqual(idsOf(others.slice(from, to)));
      });

      it.each(['page=7', 'page=100', 'per_page=50&page=3', 'per_page=1&page=58', 'per_page=0', 'per_page=0&page=2'])(
        '%s is an empty list',
        async (params) => {
          expect(await list(`/users?${params}`)).toEqual([]);
        },
      );

      it.each(['page=0', 'page=-3', 'page=abc', 'page='])('%s falls back to the first page', async (params) => {
        expect(ids(await list(`/users?${params}`))).toEqual(idsOf(others.slice(0, 10)));
      });

      it.each(['per_page=abc', 'per_page='])('%s falls back to 10 per page', async (params) => {
        expect(ids(await list(`/users?${params}`))).toEqual(idsOf(others.slice(0, 10)));
      });

      it('a negative per_page uses 20 per page (Flask-SQLAlchemy)', async () => {
        expect(ids(await list('/users?per_page=-1'))).toEqual(idsOf(others.slice(0, 20)));
      });
    });

    describe('search (substring of name or username, case-insensitive)', () => {
      it.each([
        ['a first name', 'alice', ['alice_bravo']],
        ['an upper-case last name', 'BRAVO', ['alice_bravo']],
        ['mixed case', 'cArOl', ['carol_d']],
        ['a name with a space', 'Bob Charlie', ['bobby_c']],
        ['part of a username only', 'bobby', ['bobby_c']],
        ['a name and a username of one user', 'echo', ['dave_echo']],
        ['several users', 'li', ['alice_bravo', 'bobby_c']],
        ['nothing', 'zzzzzz', []],
        ['a quote', "o'brien", []],
        ['an empty search', '', null],
      ])('%s (%j)', async (_what, search, usernames) => {
        const items = await list(`/users?search=${encodeURIComponent(search)}&per_page=50`);
        if (usernames === null) expect(ids(items)).toEqual(idsOf(others.slice(0, 50)));
        else expect(items.map((item) => item.username)).toEqual(byId(usernames));
      });

      it('never finds the caller', async () => {
        expect(await list('/users?search=caller')).toEqual([]);
        expect(await list('/users?search=the_caller')).toEqual([]);
      });

      it('finds the caller of another user', async () => {
        const items = await list('/users?search=caller', alice.accessToken);
        expect(ids(items)).toEqual([me.id]);
      });

      it('combines with pagination', async () => {
        const fillers = others.filter((user) => user.username.startsWith('filler_'));
        expect(ids(await list('/users?search=FILLER_&per_page=5&page=2'))).toEqual(idsOf(fillers.slice(5, 10)));
        expect(ids(await list('/users?search=filler&page=6'))).toEqual(idsOf(fillers.slice(50, 60)));
        expect(await list('/users?search=filler&page=7')).toEqual([]);
      });
    });

    describe('another caller', () => {
      it('excludes that caller and includes the first one', async () => {
        const items = await list('/users', bob.accessToken);
        const expected = [me, ...others.filter((user) => user.id !== bob.id)].sort((a, b) => a.id - b.id);
        expect(ids(items)).toEqual(idsOf(expected.slice(0, 10)));
      });
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'GET', url: '/users' });
  });

  describe('GET /users/verified', () => {
    it('lists only verified, live users other than the caller, by id', async () => {
      const items = await list('/users/verified');
      expect(ids(items)).toEqual(idsOf(verifiedOthers()));
      expect(ids(items)).toEqual([alice.id, bob.id, carol.id, dave.id].sort((a, b) => a - b));
    });

    it('items are exactly the public user model, with is_available', async () => {
      const items = await list('/users/verified');
      for (const item of items) expect(Object.keys(item).sort()).toEqual(PUBLIC_USER_KEYS);
      const dave_ = items.find((item) => item.id === dave.id);
      expect(dave_).toEqual({
        id: dave.id,
        username: 'dave_echo',
        name: 'Dave Echo',
        slack_username: null,
        bio: null,
        location: null,
        occupation: null,
        organization: null,
        interests: null,
        skills: null,
        need_mentoring: true,
        available_to_mentor: true,
        is_available: true,
        registration_date: expect.any(Number),
      });
    });

    it('another caller sees the first user and not themself', async () => {
      const items = await list('/users/verified', carol.accessToken);
      expect(ids(items)).toEqual([me.id, alice.id, bob.id, dave.id].sort((a, b) => a - b));
    });

    it.each([
      ['per_page=1&page=2', 1, 2],
      ['per_page=2', 0, 2],
      ['per_page=3&page=2', 3, 6],
      ['page=0', 0, 10],
    ])('%s', async (params, from, to) => {
      expect(ids(await list(`/users/verified?${params}`))).toEqual(idsOf(verifiedOthers().slice(from, to)));
    });

    it.each(['page=2', 'per_page=2&page=3', 'per_page=0'])('%s is an empty list', async (params) => {
      expect(await list(`/users/verified?${params}`)).toEqual([]);
    });

    it('searches verified users only', async () => {
      expect(await list('/users/verified?search=uma')).toEqual([]);
      expect(await list('/users/verified?search=filler')).toEqual([]);
      expect((await list('/users/verified?search=DELTA')).map((item) => item.username)).toEqual(['carol_d']);
      expect((await list('/users/verified?search=li')).map((item) => item.username)).toEqual(
        byId(['alice_bravo', 'bobby_c']),
      );
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'GET', url: '/users/verified' });
  });
});
