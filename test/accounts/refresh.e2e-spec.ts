/**
 * POST /refresh (reference §2.1 #5, §4.6; tests/users/test_api_refresh.py).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import { signTestToken } from '../support/tokens';
import { APP_URL, bearer, createVerifiedUser, decodeJwt, type VerifiedUser } from '../support/accounts';

describe('POST /refresh', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let user: VerifiedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    user = await createVerifiedUser(test, sink);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const refresh = (headers: Record<string, string> = {}) =>
    test.app.inject({ method: 'POST', url: '/refresh', headers });

  it('a refresh token from login: 200 with exactly a new access token for the same user', async () => {
    const now = Math.floor(Date.now() / 1000);
    const response = await refresh(bearer(user.refreshToken));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['access_token']);
    expect(body).toEqual({ access_token: expect.any(String) });
    expect(body.access_token).not.toBe(user.accessToken);

    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ identity: user.id, type: 'access' });
    expect((claims.exp as number) - now).toBeGreaterThanOrEqual(599);
    expect((claims.exp as number) - now).toBeLessThanOrEqual(601);
  });

  it('the new access token works', async () => {
    const response = await refresh(bearer(user.refreshToken));
    const profile = await test.app.inject({
      method: 'GET',
      url: '/user',
      headers: bearer(response.json().access_token),
    });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ id: user.id, username: user.username });
  });

  it('the refresh token can be used again (no rotation)', async () => {
    const first = await refresh(bearer(user.refreshToken));
    const second = await refresh(bearer(user.refreshToken));
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
  });

  it('needs no body, and ignores one', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/refresh',
      headers: bearer(user.refreshToken),
      payload: { anything: true },
    });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json())).toEqual(['access_token']);
  });

  it('no Authorization header: 401 "missing"', async () => {
    const response = await refresh();
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The authorization token is missing!' });
  });

  it('an expired refresh token: 401 "expired"', async () => {
    const response = await refresh(
      bearer(signTestToken({ identity: user.id, type: 'refresh', expiresInSeconds: -10 })),
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The token has expired! Please, login again or refresh it.' });
  });

  it.each([
    ['garbage', () => 'Bearer not.a.jwt'],
    ['a forged signature', () => `Bearer ${signTestToken({ identity: 1, type: 'refresh' }, 'another-secret')}`],
    ['an access token from login', () => `Bearer ${user.accessToken}`],
    ['an access token', () => `Bearer ${signTestToken({ identity: 1, type: 'access' })}`],
    ['a token without "Bearer"', () => user.refreshToken],
  ])('%s: 401 "invalid"', async (_what, header) => {
    const response = await refresh({ authorization: header() });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The token is invalid!' });
  });

  it('a refresh token is not an access token: 401 "invalid" on GET /user', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(user.refreshToken) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ message: 'The token is invalid!' });
  });
});
