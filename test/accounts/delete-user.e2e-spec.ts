/**
 * DELETE /user (reference §2.1 #11, §4.4, §4.8; tests/users/test_dao.py delete cases).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  bearer,
  createVerifiedUser,
  itRejectsMissingExpiredAndInvalidTokens,
  login,
  sessionlessAccessToken,
  type VerifiedUser,
} from '../support/accounts';

const DELETED = 'User was deleted successfully.';
const REVOKED = 'The token has been revoked! Please, login again.';
const ONLY_ADMIN = 'You cannot delete your account, since you are the only Admin left.';

describe('DELETE /user', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let admin: VerifiedUser;
  let witness: VerifiedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    admin = await createVerifiedUser(test, sink);
    witness = await createVerifiedUser(test, sink);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const del = (token: string) => test.app.inject({ method: 'DELETE', url: '/user', headers: bearer(token) });
  const get = (url: string, token: string) => test.app.inject({ method: 'GET', url, headers: bearer(token) });
  const setAdmin = (id: number, isAdmin: boolean) =>
    query(db.url, 'update users set is_admin = $2 where id = $1', [id, isAdmin]);

  it('the only admin cannot delete their account: 400, and the account stays usable', async () => {
    const response = await del(admin.accessToken);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: ONLY_ADMIN });
    expect((await get('/user', admin.accessToken)).statusCode).toBe(200);
    await expect(login(test, admin.username, admin.password)).resolves.toBeDefined();
  });

  describe('a member deletes their account', () => {
    let member: VerifiedUser;
    let secondSession: { accessToken: string; refreshToken: string };
    let response: Awaited<ReturnType<typeof del>>;

    beforeAll(async () => {
      member = await createVerifiedUser(test, sink, { name: 'Leaving Member', username: 'leaving_member' });
      secondSession = await login(test, member.username, member.password);
      response = await del(member.accessToken);
    });

    it('200', () => {
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: DELETED });
    });

    it("the session's access token is revoked: 401", async () => {
      for (const [method, url] of [
        ['GET', '/user'],
        ['GET', '/users'],
        ['DELETE', '/user'],
      ] as const) {
        const answer = await test.app.inject({ method, url, headers: bearer(member.accessToken) });
        expect({ method, url, status: answer.statusCode, body: answer.json() }).toEqual({
          method,
          url,
          status: 401,
          body: { message: REVOKED },
        });
      }
    });

    it("the session's refresh token is revoked: 401", async () => {
      const answer = await test.app.inject({ method: 'POST', url: '/refresh', headers: bearer(member.refreshToken) });
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual({ message: REVOKED });
    });

    it("the user's other sessions are revoked too", async () => {
      const access = await get('/user', secondSession.accessToken);
      expect(access.statusCode).toBe(401);
      expect(access.json()).toEqual({ message: REVOKED });
      const refresh = await test.app.inject({
        method: 'POST',
        url: '/refresh',
        headers: bearer(secondSession.refreshToken),
      });
      expect(refresh.statusCode).toBe(401);
      expect(refresh.json()).toEqual({ message: REVOKED });
    });

    it('a token without a session: 404 "User does not exist." on every own-account endpoint', async () => {
      const token = sessionlessAccessToken(member.id);
      for (const [method, url, payload] of [
        ['DELETE', '/user', undefined],
        ['GET', '/user', undefined],
        ['PUT', '/user', { bio: 'ghost' }],
        ['PUT', '/user/change_password', { current_password: member.password, new_password: 'Another_pass_1' }],
      ] as const) {
        const answer = await test.app.inject({ method, url, headers: bearer(token), payload });
        expect({ method, url, status: answer.statusCode, body: answer.json() }).toEqual({
          method,
          url,
          status: 404,
          body: { message: 'User does not exist.' },
        });
      }
    });

    it('cannot log in again, by username or email', async () => {
      for (const username of [member.username, member.email]) {
        const answer = await test.app.inject({
          method: 'POST',
          url: '/login',
          payload: { username, password: member.password },
        });
        expect({ username, status: answer.statusCode, body: answer.json() }).toEqual({
          username,
          status: 401,
          body: { message: 'Username or password is wrong.' },
        });
      }
    });

    it('is gone for other users', async () => {
      const byId = await get(`/users/${member.id}`, witness.accessToken);
      expect(byId.statusCode).toBe(404);
      expect(byId.json()).toEqual({ message: 'User does not exist.' });
      for (const url of ['/users?per_page=50', '/users/verified?per_page=50', '/users?search=leaving']) {
        const list = await get(url, witness.accessToken);
        expect(list.statusCode).toBe(200);
        expect(list.json().map((user: { id: number }) => user.id)).not.toContain(member.id);
      }
    });

    it('keeps no personal data readable in the database', async () => {
      const [row] = await query<Record<string, unknown>>(db.url, 'select * from users where id = $1', [member.id]);
      if (row) {
        expect(row.deleted_at).not.toBeNull();
        const text = JSON.stringify(row);
        expect(text).not.toContain('leaving_member');
        expect(text).not.toContain(member.email);
        expect(text).not.toContain('Leaving Member');
      }
    });
  });

  describe('admins', () => {
    it('an admin can delete their account when another admin exists', async () => {
      const second = await createVerifiedUser(test, sink);
      await setAdmin(second.id, true);
      try {
        const response = await del(second.accessToken);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ message: DELETED });
      } finally {
        await setAdmin(second.id, false);
      }
      // The first admin is the only one again.
      const refused = await del(admin.accessToken);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ message: ONLY_ADMIN });
    });

    it('a deleted admin does not count as another admin', async () => {
      const second = await createVerifiedUser(test, sink);
      await setAdmin(second.id, true);
      const gone = await del(second.accessToken);
      expect(gone.statusCode).toBe(200);
      const refused = await del(admin.accessToken);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ message: ONLY_ADMIN });
    });
  });

  it('a token (without a session) of a user that never existed: 404', async () => {
    const response = await del(sessionlessAccessToken(987_654));
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'User does not exist.' });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'DELETE', url: '/user' });
});
