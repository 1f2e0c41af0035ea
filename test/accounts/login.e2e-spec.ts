/**
 * POST /login (reference §2.1 #4, §4.6; tests/users/test_api_login.py).
 *
 * Failed attempts are few per account and come from distinct client addresses, so the login
 * throttling (5 failures per account, 50 per address by default) never interferes.
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  bearer,
  createUnverifiedUser,
  createVerifiedUser,
  decodeJwt,
  deleteOwnAccount,
  type RegistrationPayload,
  type VerifiedUser,
} from '../support/accounts';

const WRONG = 'Username or password is wrong.';

describe('POST /login', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let verified: VerifiedUser;
  let unverified: RegistrationPayload & { id: number };
  let address = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    verified = await createVerifiedUser(test, sink);
    unverified = await createUnverifiedUser(test, db.url);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  /** Each call from its own client address. */
  const loginWith = (payload: unknown) => {
    address += 1;
    return test.app.inject({
      method: 'POST',
      url: '/login',
      payload: payload as object,
      remoteAddress: `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    });
  };

  describe('success', () => {
    it('by username: 200 with exactly an access and a refresh token for that user', async () => {
      const now = Math.floor(Date.now() / 1000);
      const response = await loginWith({ username: verified.username, password: verified.password });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual(['access_token', 'refresh_token']);
      expect(body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String) });

      const access = decodeJwt(body.access_token);
      const refresh = decodeJwt(body.refresh_token);
      expect(access).toMatchObject({ identity: verified.id, type: 'access' });
      expect(refresh).toMatchObject({ identity: verified.id, type: 'refresh' });
      expect((access.exp as number) - now).toBeGreaterThanOrEqual(599);
      expect((access.exp as number) - now).toBeLessThanOrEqual(601);
      expect((refresh.exp as number) - now).toBeGreaterThanOrEqual(4 * 7 * 86_400 - 1);
      expect((refresh.exp as number) - now).toBeLessThanOrEqual(4 * 7 * 86_400 + 1);
    });

    it('the access token opens protected endpoints as that user', async () => {
      const response = await loginWith({ username: verified.username, password: verified.password });
      const profile = await test.app.inject({
        method: 'GET',
        url: '/user',
        headers: bearer(response.json().access_token),
      });
      expect(profile.statusCode).toBe(200);
      expect(profile.json()).toMatchObject({ id: verified.id, username: verified.username });
    });

    it('by email in the username field: 200', async () => {
      const response = await loginWith({ username: verified.email, password: verified.password });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json()).sort()).toEqual(['access_token', 'refresh_token']);
      expect(decodeJwt(response.json().access_token).identity).toBe(verified.id);
    });

    it('each login gets tokens of its own', async () => {
      const first = (await loginWith({ username: verified.username, password: verified.password })).json();
      const second = (await loginWith({ username: verified.username, password: verified.password })).json();
      expect(first.access_token).not.toBe(second.access_token);
      expect(first.refresh_token).not.toBe(second.refresh_token);
    });

    it('ignores extra fields', async () => {
      const response = await loginWith({ username: verified.username, password: verified.password, remember: true });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('wrong credentials: 401, the same answer either way', () => {
    it('a wrong password', async () => {
      const response = await loginWith({ username: verified.username, password: 'Wrong_pass_123' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });

    it('a wrong password with the email', async () => {
      const response = await loginWith({ username: verified.email, password: 'Wrong_pass_123' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });

    it('an unknown username', async () => {
      const response = await loginWith({ username: 'nobody_at_all', password: verified.password });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });

    it('an unknown email', async () => {
      const response = await loginWith({ username: 'nobody@example.org', password: verified.password });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });

    it("another user's password", async () => {
      const response = await loginWith({ username: verified.username, password: unverified.password + 'x' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });

    it('a deleted account, even with its right password', async () => {
      const gone = await createVerifiedUser(test, sink);
      await deleteOwnAccount(test, gone);
      for (const username of [gone.username, gone.email]) {
        const response = await loginWith({ username, password: gone.password });
        expect({ username, status: response.statusCode, body: response.json() }).toEqual({
          username,
          status: 401,
          body: { message: WRONG },
        });
      }
    });
  });

  describe('an unverified email', () => {
    it('the right password: 403', async () => {
      const response = await loginWith({ username: unverified.username, password: unverified.password });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'Please verify your email before login.' });
    });

    it('the right password, by email: 403', async () => {
      const response = await loginWith({ username: unverified.email, password: unverified.password });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'Please verify your email before login.' });
    });

    it('a wrong password: 401 (credentials are checked first)', async () => {
      const response = await loginWith({ username: unverified.username, password: 'Wrong_pass_123' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: WRONG });
    });
  });

  describe('missing fields: 400', () => {
    it.each([
      ['no username', { password: 'Secret_pass_123' }],
      ['an empty username', { username: '', password: 'Secret_pass_123' }],
      ['a null username', { username: null, password: 'Secret_pass_123' }],
      ['nothing at all', {}],
    ])('%s', async (_what, payload) => {
      const response = await loginWith(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: 'The field username is missing.' });
    });

    it.each([
      ['no password', { username: 'someone_here' }],
      ['an empty password', { username: 'someone_here', password: '' }],
      ['a null password', { username: 'someone_here', password: null }],
    ])('%s', async (_what, payload) => {
      const response = await loginWith(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: 'Password field is missing.' });
    });
  });

  it.each([
    ['an array', []],
    ['a string', 'username'],
    ['a number', 42],
  ])('a body that is not a JSON object (%s) is a 400, never a 500', async (_what, payload) => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/login',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: expect.any(String) });
  });

  it('non-string credentials are a 400 or a 401, never a 500', async () => {
    for (const payload of [
      { username: 123, password: 'Secret_pass_123' },
      { username: verified.username, password: 12345678 },
      { username: { $ne: '' }, password: { $ne: '' } },
    ]) {
      const response = await loginWith(payload);
      expect({ payload, status: [400, 401].includes(response.statusCode), body: response.json() }).toEqual({
        payload,
        status: true,
        body: { message: expect.any(String) },
      });
    }
  });
});
