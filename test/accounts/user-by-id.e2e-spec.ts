/**
 * GET /users/{user_id} (reference §2.1 #8; tests/users/test_api_get_other_user.py).
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
  NOT_FOUND_URL,
  PUBLIC_USER_KEYS,
  type VerifiedUser,
} from '../support/accounts';

describe('GET /users/{user_id}', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let me: VerifiedUser;
  let other: VerifiedUser;
  let gone: VerifiedUser;
  let unverifiedId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    me = await createVerifiedUser(test, sink, { name: 'Mia Caller' });
    [other, gone] = await Promise.all([
      createVerifiedUser(test, sink, { name: 'Olga Other', username: 'olga_other', available_to_mentor: true }),
      createVerifiedUser(test, sink),
    ]);
    unverifiedId = (await createUnverifiedUser(test, db.url)).id;
    await deleteOwnAccount(test, gone);
    await query(
      db.url,
      `update users set bio = 'Olga bio', location = 'Porto', occupation = 'Teacher', organization = 'School',
        slack_username = 'olga_slack', interests = 'Maths', skills = 'Algebra',
        social_media_links = 'https://social.example/olga', resume_url = 'https://cv.example/olga',
        photo_url = 'https://photo.example/olga' where id = $1`,
      [other.id],
    );
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const getUser = (id: number | string, token = me.accessToken) =>
    test.app.inject({ method: 'GET', url: `/users/${id}`, headers: bearer(token) });

  it("another verified user's public profile: 200, is_available null", async () => {
    const [row] = await query<{ registration_date: number }>(
      db.url,
      'select registration_date from users where id = $1',
      [other.id],
    );
    const response = await getUser(other.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(PUBLIC_USER_KEYS);
    expect(body).toEqual({
      id: other.id,
      username: 'olga_other',
      name: 'Olga Other',
      slack_username: 'olga_slack',
      bio: 'Olga bio',
      location: 'Porto',
      occupation: 'Teacher',
      organization: 'School',
      interests: 'Maths',
      skills: 'Algebra',
      need_mentoring: false,
      available_to_mentor: true,
      is_available: null,
      registration_date: expect.any(Number),
    });
    expect(body.registration_date).toBeCloseTo(Number(row.registration_date), 2);
  });

  it('never shows private fields', async () => {
    const response = await getUser(other.id);
    expect(response.body).not.toMatch(/social\.example|cv\.example|photo\.example|@example\.org|password|argon/);
  });

  it('your own id is allowed', async () => {
    const response = await getUser(me.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: me.id,
      username: me.username,
      name: 'Mia Caller',
      slack_username: null,
      bio: null,
      location: null,
      occupation: null,
      organization: null,
      interests: null,
      skills: null,
      need_mentoring: false,
      available_to_mentor: false,
      is_available: null,
      registration_date: expect.any(Number),
    });
  });

  it('another caller sees the same profile', async () => {
    const mine = await getUser(other.id);
    const theirs = await getUser(other.id, other.accessToken);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toEqual(mine.json());
  });

  it('an unverified user: 403', async () => {
    const response = await getUser(unverifiedId);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ message: 'Please verify your email before login.' });
  });

  it.each([
    ['an id that never existed', () => 987_654],
    ['id 0', () => 0],
    ['a deleted user', () => gone.id],
  ])('%s: 404 "User does not exist."', async (_what, id) => {
    const response = await getUser(id());
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'User does not exist.' });
  });

  it.each(['abc', '-1', '1.5', '1e3', '%20', 'null', '+1'])(
    'a non-integer id %j: 404 with the routing text',
    async (id) => {
      const response = await getUser(id);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: NOT_FOUND_URL });
    },
  );

  itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'GET', url: '/users/1' });
});
