/**
 * Password recovery: POST /user/forgot_password emails a single-use link valid one hour;
 * POST /user/reset_password sets the new password and ends every session of the account.
 */
import {
  CONFIRMATION_SUBJECT,
  confirmationPath,
  createVerifiedUser,
  login,
  type VerifiedUser,
} from '../support/accounts';
import { query } from '../support/database';
import { signTestToken } from '../support/tokens';
import {
  type AccountsEnv,
  attemptLogin,
  countMails,
  expectMessage,
  getOwnProfile,
  MESSAGES,
  refreshWith,
  RESET_SUBJECT,
  resetLink,
  startAccountsEnv,
  waitForNthMail,
} from './support';

describe('password reset', () => {
  let env: AccountsEnv;

  beforeAll(async () => {
    env = await startAccountsEnv();
    await createVerifiedUser(env.test, env.sink); // the admin
  });

  afterAll(async () => {
    await env?.close();
  });

  const forgot = (payload: unknown) =>
    env.test.app.inject({ method: 'POST', url: '/user/forgot_password', payload: payload as object });
  const reset = (payload: unknown) =>
    env.test.app.inject({ method: 'POST', url: '/user/reset_password', payload: payload as object });

  /** Asks for a reset link for `user` and returns the token of the email it gets. */
  async function requestReset(user: { email: string }): Promise<{ path: string; token: string }> {
    const before = countMails(env.sink, user.email, RESET_SUBJECT);
    expectMessage(await forgot({ email: user.email }), 200, MESSAGES.resetEmailSent);
    return resetLink(await waitForNthMail(env.sink, user.email, RESET_SUBJECT, before));
  }

  describe('POST /user/forgot_password', () => {
    it('an existing email: 200 with the neutral message, and the reset email is sent', async () => {
      const user = await createVerifiedUser(env.test, env.sink);
      expectMessage(await forgot({ email: user.email }), 200, MESSAGES.resetEmailSent);
      const mail = await waitForNthMail(env.sink, user.email, RESET_SUBJECT, 0);
      expect(mail.subject).toBe(RESET_SUBJECT);
      const { path, token } = resetLink(mail);
      expect(path).toBe(`/user/reset_password/${token}`);
      expect(token.length).toBeGreaterThan(20);
    });

    it('an unknown email: the same 200 answer, and no email is sent', async () => {
      const unknown = 'nobody_here_at_all@example.org';
      expectMessage(await forgot({ email: unknown }), 200, MESSAGES.resetEmailSent);
      // A known address asked right after gets its email; by then the unknown one would have had its own.
      const user = await createVerifiedUser(env.test, env.sink);
      await requestReset(user);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(env.sink.messages.filter((mail) => mail.to.includes(unknown))).toEqual([]);
    });

    it('missing email: 400 "Email field is missing."', async () => {
      expectMessage(await forgot({}), 400, MESSAGES.emailMissing);
    });

    it.each([['not-an-email'], ['ann@'], ['']])('bad email %p: 400 "Your email is invalid."', async (email) => {
      expectMessage(await forgot({ email }), 400, MESSAGES.emailInvalid);
    });

    it('a non-string email: 400 "Your email is invalid."', async () => {
      expectMessage(await forgot({ email: 42 }), 400, MESSAGES.emailInvalid);
    });
  });

  describe('GET /user/reset_password/{token}', () => {
    it('200 text/html containing the token', async () => {
      const user = await createVerifiedUser(env.test, env.sink);
      const { path, token } = await requestReset(user);
      const response = await env.test.app.inject({ method: 'GET', url: path });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain(token);
    });
  });

  describe('POST /user/reset_password', () => {
    let user: VerifiedUser;
    let before: Array<{ accessToken: string; refreshToken: string }>;
    let token: string;
    const newPassword = 'Reset_pass_789';

    beforeAll(async () => {
      user = await createVerifiedUser(env.test, env.sink);
      before = [
        { accessToken: user.accessToken, refreshToken: user.refreshToken },
        await login(env.test, user.username, user.password),
      ];
      ({ token } = await requestReset(user));
    });

    it('with the emailed token: 200 "Your password was reset. Please, login with the new password."', async () => {
      expectMessage(await reset({ token, new_password: newPassword }), 200, MESSAGES.resetDone);
    });

    it('login with the new password works', async () => {
      const response = await attemptLogin(env.test, { username: user.username, password: newPassword });
      expect(response.statusCode).toBe(200);
    });

    it('login with the old password: 401 "Username or password is wrong."', async () => {
      const response = await attemptLogin(env.test, { username: user.username, password: user.password });
      expectMessage(response, 401, MESSAGES.wrongCredentials);
    });

    it('every session opened before the reset is revoked', async () => {
      for (const session of before) {
        expectMessage(await getOwnProfile(env.test, session.accessToken), 401, MESSAGES.revoked);
        expectMessage(await refreshWith(env.test, session.refreshToken), 401, MESSAGES.revoked);
      }
    });

    it('the same token again: 400 "The password reset link is invalid or has expired." (single use)', async () => {
      expectMessage(await reset({ token, new_password: 'Another_pass_123' }), 400, MESSAGES.resetInvalid);
      // ...and the password did not change
      expect((await attemptLogin(env.test, { username: user.username, password: newPassword })).statusCode).toBe(200);
    });

    it('an older, unused link of the same account stops working too', async () => {
      const other = await createVerifiedUser(env.test, env.sink);
      const first = await requestReset(other);
      const second = await requestReset(other);
      expectMessage(await reset({ token: second.token, new_password: 'Second_pass_123' }), 200, MESSAGES.resetDone);
      expectMessage(await reset({ token: first.token, new_password: 'First_pass_123' }), 400, MESSAGES.resetInvalid);
    });

    it('an expired link (valid one hour): 400 "The password reset link is invalid or has expired."', async () => {
      const other = await createVerifiedUser(env.test, env.sink);
      const link = await requestReset(other);
      await query(env.db.url, "update password_reset_requests set expires_at = now() - interval '1 second'");
      expectMessage(await reset({ token: link.token, new_password: 'Expired_pass_123' }), 400, MESSAGES.resetInvalid);
      expect((await attemptLogin(env.test, { username: other.username, password: other.password })).statusCode).toBe(
        200,
      );
    });

    it('the link is valid for one hour: the stored expiry is about an hour after the request', async () => {
      const other = await createVerifiedUser(env.test, env.sink);
      await requestReset(other);
      const [row] = await query<{ seconds: number }>(
        env.db.url,
        `select extract(epoch from (expires_at - created_at))::int as seconds
           from password_reset_requests where user_id = $1`,
        [other.id],
      );
      expect(row.seconds).toBe(3600);
    });

    it.each([
      ['garbage', 'garbage'],
      ['a JWT signed with another secret', signTestToken({ identity: 1, type: 'access' }, 'another-secret')],
      ['an access token', signTestToken({ identity: 1, type: 'access' })],
      ['an empty string', ''],
    ])('%s as the token: 400 "The password reset link is invalid or has expired."', async (_what, garbage) => {
      expectMessage(await reset({ token: garbage, new_password: 'Garbage_pass_123' }), 400, MESSAGES.resetInvalid);
    });

    it('an email confirmation token as the token: 400 invalid', async () => {
      const mail = await env.sink.waitFor(user.email, CONFIRMATION_SUBJECT);
      const confirmationToken = confirmationPath(mail).split('/').pop()!;
      expectMessage(
        await reset({ token: confirmationToken, new_password: 'Confirm_pass_123' }),
        400,
        MESSAGES.resetInvalid,
      );
    });

    it('missing token: 400 "Token field is missing."', async () => {
      expectMessage(await reset({ new_password: 'Missing_pass_123' }), 400, MESSAGES.tokenMissing);
    });

    it('new_password with a space: 400 "Password shouldn\'t contain spaces." (and the link still works)', async () => {
      const other = await createVerifiedUser(env.test, env.sink);
      const link = await requestReset(other);
      expectMessage(await reset({ token: link.token, new_password: 'Has space_123' }), 400, MESSAGES.passwordSpaces);
      expectMessage(await reset({ token: link.token, new_password: 'No_space_1234' }), 200, MESSAGES.resetDone);
    });

    it.each([['short'], ['x'.repeat(65)]])('new_password %p: 400 length message', async (password) => {
      const other = await createVerifiedUser(env.test, env.sink);
      const link = await requestReset(other);
      expectMessage(await reset({ token: link.token, new_password: password }), 400, MESSAGES.newPasswordLength);
    });
  });
});
