/**
 * DELETE /user anonymises the account: the row stays without personal data, every session ends,
 * the username and email are free again, and the user leaves the directory.
 */
import { bearer, createVerifiedUser, login, registerUser, type VerifiedUser } from '../support/accounts';
import { query } from '../support/database';
import {
  type AccountsEnv,
  confirmNthMail,
  expectMessage,
  getOwnProfile,
  MESSAGES,
  refreshWith,
  startAccountsEnv,
} from './support';

describe('account deletion', () => {
  let env: AccountsEnv;
  let admin: VerifiedUser;
  let observer: VerifiedUser;

  beforeAll(async () => {
    env = await startAccountsEnv();
    admin = await createVerifiedUser(env.test, env.sink); // the first user: the only admin
    observer = await createVerifiedUser(env.test, env.sink);
  });

  afterAll(async () => {
    await env?.close();
  });

  const deleteAccount = (accessToken: string) =>
    env.test.app.inject({ method: 'DELETE', url: '/user', headers: bearer(accessToken) });

  it('the only admin cannot delete the account: 400', async () => {
    expectMessage(await deleteAccount(admin.accessToken), 400, MESSAGES.onlyAdmin);
    expect((await getOwnProfile(env.test, admin.accessToken)).statusCode).toBe(200);
  });

  describe('a member deletes the account', () => {
    let member: VerifiedUser;
    let otherSession: { accessToken: string; refreshToken: string };

    beforeAll(async () => {
      member = await createVerifiedUser(env.test, env.sink);
      otherSession = await login(env.test, member.username, member.password);
      const update = await env.test.app.inject({
        method: 'PUT',
        url: '/user',
        headers: bearer(member.accessToken),
        payload: { bio: 'Loves compilers', location: 'Lagos', skills: 'Go', need_mentoring: true },
      });
      expect(update.statusCode).toBe(200);
    });

    it('DELETE /user: 200 "User was deleted successfully."', async () => {
      expectMessage(await deleteAccount(member.accessToken), 200, MESSAGES.userDeleted);
    });

    it("its sessions' tokens get 401 revoked (access and refresh, every session)", async () => {
      for (const session of [member, otherSession]) {
        expectMessage(await getOwnProfile(env.test, session.accessToken), 401, MESSAGES.revoked);
        expectMessage(await refreshWith(env.test, session.refreshToken), 401, MESSAGES.revoked);
      }
      expectMessage(await deleteAccount(member.accessToken), 401, MESSAGES.revoked);
    });

    it('the old credentials no longer log in', async () => {
      const response = await env.test.app.inject({
        method: 'POST',
        url: '/login',
        payload: { username: member.username, password: member.password },
        remoteAddress: '10.99.0.1',
      });
      expectMessage(response, 401, MESSAGES.wrongCredentials);
    });

    it('the row stays, anonymised: name, username, email, password_hash and bio are null, deleted_at is set', async () => {
      const rows = await query(
        env.db.url,
        'select name, username, email, password_hash, bio, location, skills, need_mentoring, is_admin, deleted_at from users where id = $1',
        [member.id],
      );
      expect(rows).toEqual([
        {
          name: null,
          username: null,
          email: null,
          password_hash: null,
          bio: null,
          location: null,
          skills: null,
          need_mentoring: false,
          is_admin: false,
          deleted_at: expect.any(Date),
        },
      ]);
    });

    it('the deleted user no longer appears in GET /users or GET /users/verified of another user', async () => {
      for (const url of ['/users?per_page=50', '/users/verified?per_page=50', `/users?search=${member.username}`]) {
        const response = await env.test.app.inject({ method: 'GET', url, headers: bearer(observer.accessToken) });
        expect(response.statusCode).toBe(200);
        const ids = (response.json() as Array<{ id: number }>).map((user) => user.id);
        expect({ url, ids }).toEqual({ url, ids: expect.not.arrayContaining([member.id]) });
        if (!url.includes('search')) expect(ids).toContain(admin.id);
      }
    });

    it('GET /users/<id> of the deleted user: 404 "User does not exist."', async () => {
      const response = await env.test.app.inject({
        method: 'GET',
        url: `/users/${member.id}`,
        headers: bearer(observer.accessToken),
      });
      expectMessage(response, 404, MESSAGES.userDoesNotExist);
    });

    it('the username and email can be registered again, by a new account that works', async () => {
      const { response } = await registerUser(env.test, {
        username: member.username,
        email: member.email,
        name: member.name,
      });
      expectMessage(
        response,
        201,
        'User was created successfully.A confirmation email has been sent via email. After confirming your email you can login.',
      );
      // The second verification email to this address belongs to the new account.
      const confirmation = await confirmNthMail(env.test, env.sink, member.email, 1);
      expect(confirmation.response.statusCode).toBe(200);
      const tokens = await login(env.test, member.username, 'Secret_pass_123');
      const profile = await getOwnProfile(env.test, tokens.accessToken);
      expect(profile.statusCode).toBe(200);
      expect(profile.json()).toMatchObject({ username: member.username, email: member.email, bio: null });
      expect(profile.json().id).not.toBe(member.id);
    });

    it("the old account's verification link does not revive or verify anything", async () => {
      const confirmation = await confirmNthMail(env.test, env.sink, member.email, 0);
      expect(confirmation.response.statusCode).toBeGreaterThanOrEqual(400);
      expect(confirmation.response.statusCode).toBeLessThan(500);
      const [row] = await query<{ deleted_at: Date | null; username: string | null }>(
        env.db.url,
        'select deleted_at, username from users where id = $1',
        [member.id],
      );
      expect(row).toEqual({ deleted_at: expect.any(Date), username: null });
    });
  });

  it('once there is a second admin, the first admin can delete the account', async () => {
    const grant = await env.test.app.inject({
      method: 'POST',
      url: '/admin/new',
      headers: bearer(admin.accessToken),
      payload: { user_id: observer.id },
    });
    expectMessage(grant, 200, 'User is now an Admin.');
    expectMessage(await deleteAccount(admin.accessToken), 200, MESSAGES.userDeleted);
    // and now the remaining admin is the only one
    const fresh = await login(env.test, observer.username, observer.password);
    expectMessage(await deleteAccount(fresh.accessToken), 400, MESSAGES.onlyAdmin);
  });
});
