/**
 * Login sessions: logout, refresh-token rotation with reuse detection, and change_password ending
 * the caller's other sessions.
 */
import { bearer, createVerifiedUser, decodeJwt, login, type VerifiedUser } from '../support/accounts';
import {
  type AccountsEnv,
  expectMessage,
  getOwnProfile,
  MESSAGES,
  refreshWith,
  startAccountsEnv,
  statusAndBody,
} from './support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('sessions', () => {
  let env: AccountsEnv;

  beforeAll(async () => {
    env = await startAccountsEnv();
    await createVerifiedUser(env.test, env.sink); // the first user is the admin; not used below
  });

  afterAll(async () => {
    await env?.close();
  });

  const newUser = () => createVerifiedUser(env.test, env.sink);
  const logout = (accessToken: string) =>
    env.test.app.inject({ method: 'POST', url: '/logout', headers: bearer(accessToken) });

  describe('login', () => {
    it('returns exactly {access_token, refresh_token}, both carrying the same sid claim', async () => {
      const user = await newUser();
      const response = await env.test.app.inject({
        method: 'POST',
        url: '/login',
        payload: { username: user.username, password: user.password },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual(['access_token', 'refresh_token']);
      expect(body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String) });

      const access = decodeJwt(body.access_token);
      const refresh = decodeJwt(body.refresh_token);
      expect(access).toMatchObject({ identity: user.id, type: 'access', sid: expect.stringMatching(UUID) });
      expect(refresh).toMatchObject({ identity: user.id, type: 'refresh', sid: expect.stringMatching(UUID) });
      expect(refresh.sid).toBe(access.sid);
    });

    it('each login opens its own session (a different sid)', async () => {
      const user = await newUser();
      const second = await login(env.test, user.username, user.password);
      expect(decodeJwt(second.accessToken).sid).not.toBe(decodeJwt(user.accessToken).sid);
    });
  });

  describe('POST /logout', () => {
    let user: VerifiedUser;
    let other: { accessToken: string; refreshToken: string };

    beforeAll(async () => {
      user = await newUser();
      other = await login(env.test, user.username, user.password);
    });

    it('with the access token: 200 "You have been logged out."', async () => {
      expectMessage(await logout(user.accessToken), 200, MESSAGES.loggedOut);
    });

    it("afterwards the session's access token gets 401 revoked on GET /user", async () => {
      expectMessage(await getOwnProfile(env.test, user.accessToken), 401, MESSAGES.revoked);
    });

    it("afterwards the session's refresh token gets 401 revoked on POST /refresh", async () => {
      expectMessage(await refreshWith(env.test, user.refreshToken), 401, MESSAGES.revoked);
    });

    it('logging out again with the same access token: 401 revoked', async () => {
      expectMessage(await logout(user.accessToken), 401, MESSAGES.revoked);
    });

    it('another session of the same user still works', async () => {
      const profile = await getOwnProfile(env.test, other.accessToken);
      expect(profile.statusCode).toBe(200);
      expect(profile.json()).toMatchObject({ id: user.id });
      const refreshed = await refreshWith(env.test, other.refreshToken);
      expect(refreshed.statusCode).toBe(200);
      expect((await getOwnProfile(env.test, refreshed.json().access_token)).statusCode).toBe(200);
    });

    it('with a refresh token instead of an access token: 401 "The token is invalid!"', async () => {
      expectMessage(await logout(other.refreshToken), 401, 'The token is invalid!');
    });
  });

  describe('POST /refresh', () => {
    it('without a body: 200 with exactly {access_token} of the same session', async () => {
      const user = await newUser();
      const response = await refreshWith(env.test, user.refreshToken);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(Object.keys(body)).toEqual(['access_token']);
      expect(body).toEqual({ access_token: expect.any(String) });
      expect(decodeJwt(body.access_token)).toMatchObject({
        identity: user.id,
        type: 'access',
        sid: decodeJwt(user.accessToken).sid,
      });
      expect((await getOwnProfile(env.test, body.access_token)).statusCode).toBe(200);
    });

    it('with {"rotate": false}: 200 with exactly {access_token}', async () => {
      const user = await newUser();
      const response = await refreshWith(env.test, user.refreshToken, { rotate: false });
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json())).toEqual(['access_token']);
    });

    describe('with {"rotate": true}', () => {
      let user: VerifiedUser;
      let rotated: { access_token: string; refresh_token: string };

      beforeAll(async () => {
        user = await newUser();
      });

      it('200 with exactly {access_token, refresh_token}, a new refresh token of the same session', async () => {
        const response = await refreshWith(env.test, user.refreshToken, { rotate: true });
        expect(response.statusCode).toBe(200);
        rotated = response.json();
        expect(Object.keys(rotated).sort()).toEqual(['access_token', 'refresh_token']);
        expect(rotated).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String) });
        expect(rotated.refresh_token).not.toBe(user.refreshToken);
        const sid = decodeJwt(user.accessToken).sid;
        expect(decodeJwt(rotated.refresh_token)).toMatchObject({ identity: user.id, type: 'refresh', sid });
        expect(decodeJwt(rotated.access_token)).toMatchObject({ identity: user.id, type: 'access', sid });
      });

      it('the new refresh token works', async () => {
        const response = await refreshWith(env.test, rotated.refresh_token);
        expect(response.statusCode).toBe(200);
        expect(Object.keys(response.json())).toEqual(['access_token']);
        expect((await getOwnProfile(env.test, rotated.access_token)).statusCode).toBe(200);
      });

      it('presenting the rotated-out refresh token again: 401 revoked', async () => {
        expectMessage(await refreshWith(env.test, user.refreshToken), 401, MESSAGES.revoked);
      });

      it('... and the whole session is revoked: the new refresh token gets 401 revoked', async () => {
        expectMessage(await refreshWith(env.test, rotated.refresh_token), 401, MESSAGES.revoked);
      });

      it("... and the session's access tokens (from login and from the rotation) get 401 revoked", async () => {
        expectMessage(await getOwnProfile(env.test, user.accessToken), 401, MESSAGES.revoked);
        expectMessage(await getOwnProfile(env.test, rotated.access_token), 401, MESSAGES.revoked);
      });

      it("... but not the user's other sessions", async () => {
        const other = await login(env.test, user.username, user.password);
        expect((await getOwnProfile(env.test, other.accessToken)).statusCode).toBe(200);
        expect((await refreshWith(env.test, other.refreshToken)).statusCode).toBe(200);
      });
    });

    it('rotating twice in a row: each rotation retires the previous refresh token', async () => {
      const user = await newUser();
      const first = await refreshWith(env.test, user.refreshToken, { rotate: true });
      expect(first.statusCode).toBe(200);
      const second = await refreshWith(env.test, first.json().refresh_token, { rotate: true });
      expect(second.statusCode).toBe(200);
      const third = await refreshWith(env.test, second.json().refresh_token);
      expect(statusAndBody(third)).toEqual({ status: 200, body: { access_token: expect.any(String) } });
      // The first rotated-out token comes back: the session ends.
      expectMessage(await refreshWith(env.test, first.json().refresh_token), 401, MESSAGES.revoked);
      expectMessage(await refreshWith(env.test, second.json().refresh_token), 401, MESSAGES.revoked);
    });
  });

  describe('PUT /user/change_password', () => {
    let user: VerifiedUser;
    let other: { accessToken: string; refreshToken: string };
    const newPassword = 'Changed_pass_456';

    beforeAll(async () => {
      user = await newUser();
      other = await login(env.test, user.username, user.password);
    });

    it('201 "Password was updated successfully."', async () => {
      const response = await env.test.app.inject({
        method: 'PUT',
        url: '/user/change_password',
        headers: bearer(user.accessToken),
        payload: { current_password: user.password, new_password: newPassword },
      });
      expectMessage(response, 201, MESSAGES.passwordUpdated);
    });

    it('the current session goes on (access and refresh token)', async () => {
      expect((await getOwnProfile(env.test, user.accessToken)).statusCode).toBe(200);
      expect((await refreshWith(env.test, user.refreshToken)).statusCode).toBe(200);
    });

    it("the user's other sessions are revoked (access and refresh token)", async () => {
      expectMessage(await getOwnProfile(env.test, other.accessToken), 401, MESSAGES.revoked);
      expectMessage(await refreshWith(env.test, other.refreshToken), 401, MESSAGES.revoked);
    });

    it('the new password logs in, the old one does not', async () => {
      await expect(login(env.test, user.username, newPassword)).resolves.toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
      });
      const old = await env.test.app.inject({
        method: 'POST',
        url: '/login',
        payload: { username: user.username, password: user.password },
      });
      expectMessage(old, 401, MESSAGES.wrongCredentials);
    });

    it("another user's sessions are untouched", async () => {
      const bystander = await newUser();
      const response = await env.test.app.inject({
        method: 'PUT',
        url: '/user/change_password',
        headers: bearer(user.accessToken),
        payload: { current_password: newPassword, new_password: 'Changed_again_789' },
      });
      expectMessage(response, 201, MESSAGES.passwordUpdated);
      expect((await getOwnProfile(env.test, bystander.accessToken)).statusCode).toBe(200);
    });
  });
});
