/**
 * GET /user/confirm_email/{token} (reference §2.1 #2, §4.5; tests/users/test_dao.py confirm cases).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import { signTestToken } from '../support/tokens';
import {
  APP_URL,
  CONFIRMATION_SUBJECT,
  bearer,
  confirmationPath,
  confirmViaEmail,
  createVerifiedUser,
  deleteOwnAccount,
  login,
  registerUser,
  withClockAt,
} from '../support/accounts';

const THANKS = 'You have confirmed your account. Thanks!';
const ALREADY = 'Account already confirmed.';
const INVALID = 'The confirmation link is invalid or the token has expired.';
const DAY_MS = 86_400_000;

describe('GET /user/confirm_email/{token}', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const get = (url: string) => test.app.inject({ method: 'GET', url });
  const verification = async (username: string) =>
    (
      await query<{ is_email_verified: boolean; email_verification_date: Date | null }>(
        db.url,
        'select is_email_verified, email_verification_date from users where username = $1',
        [username],
      )
    )[0];

  /** Registers a user and returns its confirmation link's path, without following it. */
  async function registeredWithLink() {
    const { payload, response } = await registerUser(test);
    expect(response.statusCode).toBe(201);
    const mail = await sink.waitFor(payload.email, CONFIRMATION_SUBJECT);
    return { payload, path: confirmationPath(mail) };
  }

  it('confirms the account once (200 "Thanks"), then answers 200 "already confirmed"', async () => {
    const { payload, response: registered } = await registerUser(test);
    expect(registered.statusCode).toBe(201);
    expect(await verification(payload.username)).toEqual({ is_email_verified: false, email_verification_date: null });

    const before = Date.now();
    const { path, response } = await confirmViaEmail(test, sink, payload.email);
    const after = Date.now();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: THANKS });

    const row = await verification(payload.username);
    expect(row.is_email_verified).toBe(true);
    expect(row.email_verification_date).not.toBeNull();

    const again = await get(path);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ message: ALREADY });
    // The first confirmation's date is kept.
    expect((await verification(payload.username)).email_verification_date).toEqual(row.email_verification_date);

    // The stored date is the confirmation time (naive UTC, read back here in the server's time zone).
    const stored = await query<{ epoch: number }>(
      db.url,
      "select extract(epoch from email_verification_date at time zone 'UTC') * 1000 as epoch from users where username = $1",
      [payload.username],
    );
    expect(Number(stored[0].epoch)).toBeGreaterThanOrEqual(before - 1000);
    expect(Number(stored[0].epoch)).toBeLessThanOrEqual(after + 1000);
  });

  it('lets the user log in afterwards (403 before)', async () => {
    const { payload, path } = await registeredWithLink();
    const refused = await test.app.inject({
      method: 'POST',
      url: '/login',
      payload: { username: payload.username, password: payload.password },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ message: 'Please verify your email before login.' });

    expect((await get(path)).statusCode).toBe(200);
    await expect(login(test, payload.username, payload.password)).resolves.toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
  });

  it('needs no access token', async () => {
    const { payload, path } = await registeredWithLink();
    const response = await test.app.inject({ method: 'GET', url: path, headers: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: THANKS });
    expect((await verification(payload.username)).is_email_verified).toBe(true);
  });

  it('confirms only the user the link was sent to', async () => {
    const first = await registeredWithLink();
    const second = await registeredWithLink();
    expect((await get(first.path)).statusCode).toBe(200);
    expect((await verification(first.payload.username)).is_email_verified).toBe(true);
    expect((await verification(second.payload.username)).is_email_verified).toBe(false);
  });

  describe('validity period (30 days)', () => {
    it('a link 29 days old still confirms', async () => {
      const { payload, path } = await registeredWithLink();
      const response = await withClockAt(Date.now() + 29 * DAY_MS, () => get(path));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: THANKS });
      expect((await verification(payload.username)).is_email_verified).toBe(true);
    });

    it('a link older than 30 days: 400, and the account stays unverified', async () => {
      const { payload, path } = await registeredWithLink();
      const response = await withClockAt(Date.now() + 30 * DAY_MS + 60_000, () => get(path));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: INVALID });
      expect((await verification(payload.username)).is_email_verified).toBe(false);
    });
  });

  describe('invalid links: 400', () => {
    it.each([
      ['garbage', 'garbage'],
      ['something JWT-shaped', 'not.a.jwt'],
      ['a long token', 'x'.repeat(3000)],
      ['a JWT signed with another secret', signTestToken({ identity: 1, type: 'access' }, 'another-secret')],
      ['an access token of the app', signTestToken({ identity: 1, type: 'access' })],
      ['a refresh token of the app', signTestToken({ identity: 1, type: 'refresh' })],
    ])('%s', async (_what, token) => {
      const response = await get(`/user/confirm_email/${token}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: INVALID });
    });

    it('an absurdly long link (20 000 characters) is a client error with a plain {message} body', async () => {
      const token = 'y'.repeat(20_000);
      const response = await get(`/user/confirm_email/${token}`);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.json()).toEqual({ message: expect.any(String) });
      expect(response.body).not.toContain('yyyyyyyyyy');
    });

    it('a tampered link, and the account stays unverified', async () => {
      const { payload, path } = await registeredWithLink();
      const token = path.slice('/user/confirm_email/'.length);
      let index = Math.floor(token.length / 2);
      while (token[index] === '.') index += 1;
      const tampered = token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);
      const response = await get(`/user/confirm_email/${tampered}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: INVALID });
      expect((await verification(payload.username)).is_email_verified).toBe(false);
    });

    it("a user's own login tokens are not confirmation links", async () => {
      const user = await createVerifiedUser(test, sink);
      for (const token of [user.accessToken, user.refreshToken]) {
        const response = await get(`/user/confirm_email/${token}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ message: INVALID });
      }
    });
  });

  it('the link of a user deleted since: 404 "User does not exist."', async () => {
    const user = await createVerifiedUser(test, sink);
    const path = confirmationPath(await sink.waitFor(user.email, CONFIRMATION_SUBJECT));
    await deleteOwnAccount(test, user);
    const response = await get(path);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'User does not exist.' });
    // …and the deleted account cannot be used again.
    const profile = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(user.accessToken) });
    expect(profile.statusCode).toBe(401);
  });
});
