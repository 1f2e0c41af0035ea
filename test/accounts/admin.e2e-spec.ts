/**
 * POST /admin/new, POST /admin/remove, GET /admins (reference §2.2 #15–17, §4.4; tests/admin/*).
 *
 * Before each test the first user is made the only admin again (in the database), so every test
 * sets up exactly the admins it needs.
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  ADMIN_KEYS,
  APP_URL,
  bearer,
  createUnverifiedUser,
  createVerifiedUser,
  deleteOwnAccount,
  itRejectsMissingExpiredAndInvalidTokens,
  sessionlessAccessToken,
  type VerifiedUser,
} from '../support/accounts';

const VALIDATION_FAILED = 'Input payload validation failed';

describe('admins', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let admin: VerifiedUser;
  let alice: VerifiedUser;
  let bob: VerifiedUser;
  let carol: VerifiedUser;
  let gone: VerifiedUser;
  let unverifiedId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    admin = await createVerifiedUser(test, sink, { name: 'Ada Admin', username: 'ada_admin' });
    [alice, bob, carol, gone] = await Promise.all([
      createVerifiedUser(test, sink, { name: 'Alice Second', username: 'alice_second' }),
      createVerifiedUser(test, sink, { name: 'Bob Third', username: 'bob_third' }),
      createVerifiedUser(test, sink, { name: 'Carol Member', username: 'carol_member' }),
      createVerifiedUser(test, sink),
    ]);
    unverifiedId = (await createUnverifiedUser(test, db.url, { name: 'Uma Unverified' })).id;
    await deleteOwnAccount(test, gone);
    await query(
      db.url,
      `update users set bio = 'Alice bio', location = 'Oslo', occupation = 'Lead', organization = 'Org',
        slack_username = 'alice_slack', skills = 'Leading', interests = 'Hidden interests',
        social_media_links = 'https://social.example/alice' where id = $1`,
      [alice.id],
    );
  });

  beforeEach(async () => {
    await query(db.url, 'update users set is_admin = (id = $1)', [admin.id]);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const post = (url: string, payload: unknown, token: string) =>
    test.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object });
  const isAdmin = async (id: number) =>
    (await query<{ is_admin: boolean }>(db.url, 'select is_admin from users where id = $1', [id]))[0]?.is_admin;
  const makeAdmin = (...ids: number[]) => query(db.url, 'update users set is_admin = true where id = any($1)', [ids]);
  const adminsSeenBy = async (token: string) => {
    const response = await test.app.inject({ method: 'GET', url: '/admins', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return (response.json() as Array<{ id: number }>).map((item) => item.id).sort((a, b) => a - b);
  };

  describe('POST /admin/new', () => {
    const assign = (userId: unknown, token = admin.accessToken) => post('/admin/new', { user_id: userId }, token);

    it('an admin grants admin to a member: 200', async () => {
      const response = await assign(alice.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: 'User is now an Admin.' });
      expect(await isAdmin(alice.id)).toBe(true);
      const profile = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(alice.accessToken) });
      expect(profile.json()).toMatchObject({ id: alice.id, is_admin: true });
    });

    it('the new admin can grant admin in turn', async () => {
      expect((await assign(alice.id)).statusCode).toBe(200);
      const response = await assign(bob.id, alice.accessToken);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: 'User is now an Admin.' });
      expect(await isAdmin(bob.id)).toBe(true);
    });

    it('the target needs no verified email', async () => {
      const response = await assign(unverifiedId);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: 'User is now an Admin.' });
      expect(await isAdmin(unverifiedId)).toBe(true);
    });

    it('a target that is already an admin: 400', async () => {
      await makeAdmin(bob.id);
      const response = await assign(bob.id);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: 'User is already an Admin.' });
    });

    it('yourself: 403', async () => {
      const response = await assign(admin.id);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'You cannot assign yourself as an Admin.' });
    });

    it.each([
      ['a target that never existed', () => 987_654],
      ['a deleted target', () => gone.id],
    ])('%s: 404', async (_what, id) => {
      const response = await assign(id());
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
    });

    it('a caller who is not an admin: 403, whatever the target', async () => {
      for (const target of [bob.id, carol.id, 987_654]) {
        const response = await assign(target, carol.accessToken);
        expect({ target, status: response.statusCode, body: response.json() }).toEqual({
          target,
          status: 403,
          body: { message: "You don't have admin status. You can't assign other user as admin." },
        });
      }
      expect(await isAdmin(bob.id)).toBe(false);
      expect(await isAdmin(carol.id)).toBe(false);
    });

    describe('schema validation (flask-restx)', () => {
      it('no user_id', async () => {
        const response = await post('/admin/new', {}, admin.accessToken);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({
          errors: { user_id: "'user_id' is a required property" },
          message: VALIDATION_FAILED,
        });
      });

      it.each([
        ['1', "'1' is not of type 'integer'"],
        [1.5, "1.5 is not of type 'integer'"],
        [null, "None is not of type 'integer'"],
        [true, "True is not of type 'integer'"],
        [[2], "[2] is not of type 'integer'"],
      ])('user_id = %j', async (value, message) => {
        const response = await assign(value);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ errors: { user_id: message }, message: VALIDATION_FAILED });
      });

      it('is checked before the admin check', async () => {
        const response = await post('/admin/new', {}, carol.accessToken);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({
          errors: { user_id: "'user_id' is a required property" },
          message: VALIDATION_FAILED,
        });
      });
    });

    it.each([
      ['a deleted user', () => gone.id],
      ['a user that never existed', () => 987_654],
    ])('a token (without a session) of %s: 404', async (_what, id) => {
      const response = await assign(carol.id, sessionlessAccessToken(id()));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
      expect(await isAdmin(carol.id)).toBe(false);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'POST', url: '/admin/new', payload: { user_id: 2 } });
  });

  describe('POST /admin/remove', () => {
    const revoke = (userId: unknown, token = admin.accessToken) => post('/admin/remove', { user_id: userId }, token);

    it("an admin revokes another admin's status: 200", async () => {
      await makeAdmin(bob.id);
      const response = await revoke(bob.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: 'User admin status was revoked.' });
      expect(await isAdmin(bob.id)).toBe(false);
      expect(await isAdmin(admin.id)).toBe(true);
    });

    it('a revoked admin loses the admin powers', async () => {
      await makeAdmin(bob.id);
      expect((await revoke(bob.id)).statusCode).toBe(200);
      const response = await post('/admin/new', { user_id: carol.id }, bob.accessToken);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({
        message: "You don't have admin status. You can't assign other user as admin.",
      });
    });

    it('revoking yourself as the only admin: 403', async () => {
      const response = await revoke(admin.id);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'You cannot revoke your adminstatus.' });
      expect(await isAdmin(admin.id)).toBe(true);
    });

    it('revoking yourself while another admin exists: 200, and that one is then the only admin', async () => {
      await makeAdmin(alice.id);
      const response = await revoke(alice.id, alice.accessToken);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: 'User admin status was revoked.' });
      expect(await isAdmin(alice.id)).toBe(false);

      const last = await revoke(admin.id);
      expect(last.statusCode).toBe(403);
      expect(last.json()).toEqual({ message: 'You cannot revoke your adminstatus.' });
    });

    it('a deleted admin does not count as another admin', async () => {
      const leaving = await createVerifiedUser(test, sink);
      await makeAdmin(leaving.id);
      await deleteOwnAccount(test, leaving);
      const response = await revoke(admin.id);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'You cannot revoke your adminstatus.' });
    });

    it('a target that is not an admin: 400', async () => {
      const response = await revoke(carol.id);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: 'User is not an Admin.' });
    });

    it.each([
      ['a target that never existed', () => 987_654],
      ['a deleted target', () => gone.id],
    ])('%s: 404', async (_what, id) => {
      const response = await revoke(id());
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
    });

    it('a caller who is not an admin: 403, whatever the target', async () => {
      for (const target of [admin.id, carol.id, 987_654]) {
        const response = await revoke(target, carol.accessToken);
        expect({ target, status: response.statusCode, body: response.json() }).toEqual({
          target,
          status: 403,
          body: { message: "You don't have admin status. You can't revoke other admin user." },
        });
      }
      expect(await isAdmin(admin.id)).toBe(true);
    });

    describe('schema validation (flask-restx)', () => {
      it('no user_id', async () => {
        const response = await post('/admin/remove', { id: 2 }, admin.accessToken);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({
          errors: { user_id: "'user_id' is a required property" },
          message: VALIDATION_FAILED,
        });
      });

      it.each([
        ['1', "'1' is not of type 'integer'"],
        [2.5, "2.5 is not of type 'integer'"],
        [false, "False is not of type 'integer'"],
        [{}, "{} is not of type 'integer'"],
      ])('user_id = %j', async (value, message) => {
        const response = await revoke(value);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ errors: { user_id: message }, message: VALIDATION_FAILED });
      });
    });

    it.each([
      ['a deleted user', () => gone.id],
      ['a user that never existed', () => 987_654],
    ])('a token (without a session) of %s: 404', async (_what, id) => {
      await makeAdmin(bob.id);
      const response = await revoke(bob.id, sessionlessAccessToken(id()));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
      expect(await isAdmin(bob.id)).toBe(true);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, {
      method: 'POST',
      url: '/admin/remove',
      payload: { user_id: 2 },
    });
  });

  describe('GET /admins', () => {
    const listAdmins = (token: string) => test.app.inject({ method: 'GET', url: '/admins', headers: bearer(token) });

    it('the only admin sees an empty list', async () => {
      const response = await listAdmins(admin.accessToken);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([]);
    });

    it('lists the other admins with exactly the admin fields', async () => {
      await makeAdmin(alice.id, bob.id);
      const response = await listAdmins(admin.accessToken);
      expect(response.statusCode).toBe(200);
      const items = (response.json() as Array<Record<string, unknown>>).sort(
        (a, b) => (a.id as number) - (b.id as number),
      );
      for (const item of items) expect(Object.keys(item).sort()).toEqual(ADMIN_KEYS);
      expect(items).toEqual(
        [
          {
            id: alice.id,
            username: 'alice_second',
            name: 'Alice Second',
            slack_username: 'alice_slack',
            bio: 'Alice bio',
            location: 'Oslo',
            occupation: 'Lead',
            organization: 'Org',
            skills: 'Leading',
          },
          {
            id: bob.id,
            username: 'bob_third',
            name: 'Bob Third',
            slack_username: null,
            bio: null,
            location: null,
            occupation: null,
            organization: null,
            skills: null,
          },
        ].sort((a, b) => a.id - b.id),
      );
      expect(response.body).not.toMatch(/Hidden interests|social\.example|@example\.org/);
    });

    it('excludes the caller, whoever it is', async () => {
      await makeAdmin(alice.id, bob.id);
      expect(await adminsSeenBy(alice.accessToken)).toEqual([admin.id, bob.id].sort((a, b) => a - b));
      expect(await adminsSeenBy(bob.accessToken)).toEqual([admin.id, alice.id].sort((a, b) => a - b));
    });

    it('includes unverified admins and never deleted ones', async () => {
      const leaving = await createVerifiedUser(test, sink);
      await makeAdmin(leaving.id, unverifiedId);
      await deleteOwnAccount(test, leaving);
      expect(await adminsSeenBy(admin.accessToken)).toEqual([unverifiedId]);
    });

    it('a caller who is not an admin: 403', async () => {
      const response = await listAdmins(carol.accessToken);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ message: 'User is not an Admin.' });
    });

    it.each([
      ['a deleted user', () => gone.id],
      ['a user that never existed', () => 987_654],
    ])('a token (without a session) of %s: 404', async (_what, id) => {
      const response = await listAdmins(sessionlessAccessToken(id()));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'GET', url: '/admins' });
  });
});
