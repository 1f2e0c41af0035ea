/**
 * Account suspension (beyond the reference, issue 14): POST /admin/users/{user_id}/suspend
 * ({days?, reason?}; no days: for good) and DELETE /admin/users/{user_id}/suspend, admins only. A
 * suspended account cannot log in (403 with the end, after the password is proven right), its
 * sessions are revoked at once (old access and refresh tokens: 401), a refresh is refused even if
 * a session were open or the token names none (403), and once the end has passed it logs in again.
 * An admin account cannot be suspended. Every suspension and lift is audited.
 */
import { eventually } from '../support/app';
import { bearer, DEFAULT_PASSWORD, sessionlessAccessToken } from '../support/accounts';
import { signTestToken } from '../support/tokens';
import {
  BACKENDS,
  call,
  createMember,
  DAY,
  expectMessage,
  type Member,
  nowSeconds,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

const TEXT = {
  suspendedUntil: (iso: string) => `The account is suspended until ${iso}.`,
  suspendedForGood: 'The account is suspended for good.',
  lifted: 'The account is no longer suspended.',
  adminCannot: 'An admin account cannot be suspended.',
  loginUntil: (iso: string) => `Your account is suspended until ${iso}.`,
  loginForGood: 'Your account is suspended.',
  daysInvalid: 'days must be an integer from 1 to 3650.',
  reasonInvalid: 'reason must be a string of at most 500 characters.',
  missing: 'The authorization token is missing!',
  notAdmin: 'User is not an Admin.',
  noUser: 'User does not exist.',
  revoked: 'The token has been revoked! Please, login again.',
  wrongCredentials: 'Username or password is wrong.',
  urlNotFound:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  resetEmailSent: 'If an account with that email exists, an email with a link to reset the password has been sent.',
  resetDone: 'Your password was reset. Please, login with the new password.',
};
const RESET_SUBJECT = 'Mentorship System - Reset your password';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface AuditEntry {
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

describe.each(BACKENDS)('Account suspension (%s)', (backend) => {
  let world: World;
  let admin: Member;
  let member: Member;

  const suspend = (by: Member | null, id: number | string, body?: unknown) =>
    call(world, by, 'POST', `/admin/users/${id}/suspend`, body);
  const lift = (by: Member | null, id: number | string) => call(world, by, 'DELETE', `/admin/users/${id}/suspend`);
  const login = (user: Member, password = user.password) =>
    world.test.app.inject({ method: 'POST', url: '/login', payload: { username: user.username, password } });
  const refresh = (refreshToken: string) =>
    world.test.app.inject({ method: 'POST', url: '/refresh', headers: bearer(refreshToken) });
  const ownProfile = (accessToken: string) =>
    world.test.app.inject({ method: 'GET', url: '/user', headers: bearer(accessToken) });
  const suspendedUntilText = async (id: number) =>
    (
      await world.sql<{ until: string | null }>(
        `select "suspended_until"::text as "until" from "users" where "id" = ?`,
        [id],
      )
    )[0].until;
  const auditOf = async (action: string, targetId: number): Promise<AuditEntry[]> => {
    const response = await call(world, admin, 'GET', `/admin/audit_log?action=${action}&per_page=100`);
    expect(response.statusCode).toBe(200);
    return (response.json() as AuditEntry[]).filter((entry) => entry.target_id === String(targetId));
  };
  /** A member freshly logged in again (a second session beside the one createMember opened). */
  const secondSession = async (user: Member) => {
    const response = await login(user);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { access_token: string; refresh_token: string };
    return { accessToken: body.access_token, refreshToken: body.refresh_token };
  };

  beforeAll(async () => {
    world = await startWorld(backend);
    admin = await createMember(world);
    member = await createMember(world);
    await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [admin.id]);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('authorization of both routes', () => {
    it('needs a token (401)', async () => {
      expectMessage(await suspend(null, member.id, { days: 1 }), 401, TEXT.missing);
      expectMessage(await lift(null, member.id), 401, TEXT.missing);
    });

    it('refuses a member who is not an admin (403), changing nothing', async () => {
      const other = await createMember(world);
      expectMessage(await suspend(other, member.id, { days: 1 }), 403, TEXT.notAdmin);
      expectMessage(await lift(other, member.id), 403, TEXT.notAdmin);
      expect(await suspendedUntilText(member.id)).toBeNull();
      expect((await login(member)).statusCode).toBe(200);
    });

    it('answers a deleted admin 404 "User does not exist."', async () => {
      const leaving = await createMember(world);
      await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [leaving.id]);
      expect((await call(world, leaving, 'DELETE', '/user')).statusCode).toBe(200);
      const gone = { accessToken: sessionlessAccessToken(leaving.id) };
      expectMessage(
        await call(world, gone, 'POST', `/admin/users/${member.id}/suspend`, { days: 1 }),
        404,
        TEXT.noUser,
      );
      expectMessage(await call(world, gone, 'DELETE', `/admin/users/${member.id}/suspend`), 404, TEXT.noUser);
      expect(await suspendedUntilText(member.id)).toBeNull();
    });

    it('lets an admin in (200)', async () => {
      expectMessage(await lift(admin, member.id), 200, TEXT.lifted);
    });
  });

  describe('targets and bodies', () => {
    it('answers an unknown or deleted account 404 "User does not exist.", and a non-numeric id 404 (URL)', async () => {
      const gone = await createMember(world);
      expect((await call(world, gone, 'DELETE', '/user')).statusCode).toBe(200);
      for (const id of [999_999, 99_999_999_999, gone.id]) {
        expectMessage(await suspend(admin, id, { days: 1 }), 404, TEXT.noUser);
        expectMessage(await lift(admin, id), 404, TEXT.noUser);
      }
      expectMessage(await suspend(admin, 'abc', { days: 1 }), 404, TEXT.urlNotFound);
      expectMessage(await lift(admin, '-1'), 404, TEXT.urlNotFound);
    });

    it('refuses days that are not an integer from 1 to 3650, and a reason over 500 characters (400)', async () => {
      for (const days of [0, -1, 3651, 1.5, '7', true, [], {}]) {
        expectMessage(await suspend(admin, member.id, { days }), 400, TEXT.daysInvalid);
      }
      for (const reason of ['x'.repeat(501), 42, ['spam'], { a: 1 }, 'a\u0000b']) {
        expectMessage(await suspend(admin, member.id, { days: 3, reason }), 400, TEXT.reasonInvalid);
      }
      expect(await suspendedUntilText(member.id)).toBeNull();
      expect((await login(member)).statusCode).toBe(200);
    });

    it('refuses to suspend an admin, oneself included (409), changing nothing', async () => {
      const otherAdmin = await createMember(world);
      await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [otherAdmin.id]);
      expectMessage(await suspend(admin, otherAdmin.id, { days: 2 }), 409, TEXT.adminCannot);
      expectMessage(await suspend(admin, admin.id), 409, TEXT.adminCannot);
      expect(await suspendedUntilText(otherAdmin.id)).toBeNull();
      expect(statusAndBody(await ownProfile(otherAdmin.accessToken)).status).toBe(200);
      expect((await login(otherAdmin)).statusCode).toBe(200);
    });
  });

  describe('a suspension for some days', () => {
    let target: Member;
    let second: { accessToken: string; refreshToken: string };
    let until: number;
    let iso: string;

    beforeAll(async () => {
      target = await createMember(world);
      second = await secondSession(target);
    });

    it('answers 200 with the end (epoch seconds) and the text naming it in ISO 8601 UTC', async () => {
      const before = nowSeconds();
      const response = await call(world, admin, 'POST', `/admin/users/${target.id}/suspend`, {
        days: 7,
        reason: '  Harassment in comments.  ',
      });
      const after = nowSeconds();
      expect(response.statusCode).toBe(200);
      const body = response.json() as { message: string; user_id: number; suspended_until: number };
      expect(Object.keys(body).sort()).toEqual(['message', 'suspended_until', 'user_id']);
      until = body.suspended_until;
      expect(until).toBeGreaterThanOrEqual(before + 7 * DAY - 0.001);
      expect(until).toBeLessThanOrEqual(after + 7 * DAY + 0.001);
      iso = new Date(until * 1000).toISOString();
      expect(iso).toMatch(ISO_UTC);
      expect(body).toEqual({ message: TEXT.suspendedUntil(iso), user_id: target.id, suspended_until: until });
    });

    it('revokes every session at once (reason "suspended"): old access and refresh tokens get 401', async () => {
      const sessions = await world.sql<{ open: number; suspended: number }>(
        `select count(*) filter (where "revoked_at" is null)::int as "open",
                count(*) filter (where "revoked_reason" = 'suspended')::int as "suspended"
           from "sessions" where "user_id" = ?`,
        [target.id],
      );
      expect(sessions).toEqual([{ open: 0, suspended: 2 }]);
      for (const session of [target, second]) {
        expectMessage(await ownProfile(session.accessToken), 401, TEXT.revoked);
        expectMessage(await refresh(session.refreshToken), 401, TEXT.revoked);
      }
    });

    it('login with the right password: 403 with the end; a wrong password still gets the 401', async () => {
      expectMessage(await login(target), 403, TEXT.loginUntil(iso));
      expectMessage(await login(target, 'Wrong_pass_123'), 401, TEXT.wrongCredentials);
      expect(
        await world.sql(`select count(*)::int as "n" from "sessions" where "user_id" = ? and "revoked_at" is null`, [
          target.id,
        ]),
      ).toEqual([{ n: 0 }]);
    });

    it('refuses a refresh (403) even if a session were open, and a token that names no session', async () => {
      await world.sql(`update "sessions" set "revoked_at" = null, "revoked_reason" = null where "user_id" = ?`, [
        target.id,
      ]);
      expectMessage(await refresh(second.refreshToken), 403, TEXT.loginUntil(iso));
      expectMessage(await refresh(signTestToken({ identity: target.id, type: 'refresh' })), 403, TEXT.loginUntil(iso));
      await world.sql(
        `update "sessions" set "revoked_at" = now(), "revoked_reason" = 'suspended' where "user_id" = ?`,
        [target.id],
      );
      // Nor does an access token that names no session get through the guard (403, on any route).
      const sessionless = { authorization: `Bearer ${signTestToken({ identity: target.id, type: 'access' })}` };
      expectMessage(
        await world.test.app.inject({ method: 'GET', url: '/user', headers: sessionless }),
        403,
        TEXT.loginUntil(iso),
      );
      // A member who is not suspended still refreshes with such a token.
      const refreshed = await refresh(signTestToken({ identity: member.id, type: 'refresh' }));
      expect(refreshed.statusCode).toBe(200);
      expect(Object.keys(refreshed.json())).toEqual(['access_token']);
    });

    it('a password reset may proceed; login stays 403 until the end', async () => {
      expectMessage(
        await world.test.app.inject({ method: 'POST', url: '/user/forgot_password', payload: { email: target.email } }),
        200,
        TEXT.resetEmailSent,
      );
      const mail = await world.sink.waitFor(target.email, RESET_SUBJECT);
      const match =
        /\/user\/reset_password\/([A-Za-z0-9._~%-]+)/.exec(mail.text) ??
        /\/user\/reset_password\/([A-Za-z0-9._~%-]+)/.exec(mail.html);
      expect(match).not.toBeNull();
      const token = decodeURIComponent(match![1]);
      const newPassword = 'Reset_pass_789';
      expectMessage(
        await world.test.app.inject({
          method: 'POST',
          url: '/user/reset_password',
          payload: { token, new_password: newPassword },
        }),
        200,
        TEXT.resetDone,
      );
      target.password = newPassword;
      expectMessage(await login(target), 403, TEXT.loginUntil(iso));
      expectMessage(await login(target, DEFAULT_PASSWORD), 401, TEXT.wrongCredentials);
    });

    it('is audited with the end, the reason (trimmed) and who suspended', async () => {
      const [entry] = await eventually(async () => {
        const entries = await auditOf('accounts.account_suspended', target.id);
        return entries.length > 0 ? entries : null;
      });
      expect(entry).toMatchObject({
        action: 'accounts.account_suspended',
        actor_id: admin.id,
        target_type: 'user',
        target_id: String(target.id),
        details: { until, reason: 'Harassment in comments.', by: admin.id },
      });
    });

    it('once the end has passed (moved into the past), login works again with nothing to do', async () => {
      await world.sql(`update "users" set "suspended_until" = now() - interval '1 minute' where "id" = ?`, [target.id]);
      const response = await login(target);
      expect(response.statusCode).toBe(200);
      const tokens = response.json() as { access_token: string; refresh_token: string };
      expect(statusAndBody(await ownProfile(tokens.access_token)).status).toBe(200);
      expect((await refresh(tokens.refresh_token)).statusCode).toBe(200);
      // Not suspended any more: lifting changes nothing and records nothing.
      expectMessage(await lift(admin, target.id), 200, TEXT.lifted);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await auditOf('accounts.account_suspension_lifted', target.id)).toEqual([]);
    });
  });

  it('/docs describes both routes: body, answers and errors', async () => {
    const document = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const route = document.paths['/admin/users/{user_id}/suspend'];
    expect(Object.keys(route.post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(Object.keys(route.delete.responses).sort()).toEqual(['200', '401', '403', '404']);
    expect(route.post.security).toEqual([{ bearer: [] }]);
    expect(route.delete.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(document.components.schemas.SuspendAccountBody.properties).sort()).toEqual(['days', 'reason']);
    expect(Object.keys(document.components.schemas.SuspensionResultDoc.properties).sort()).toEqual([
      'message',
      'suspended_until',
      'user_id',
    ]);
  });

  describe('a suspension for good, replaced, then lifted', () => {
    let target: Member;

    beforeAll(async () => {
      target = await createMember(world);
    });

    it("without days: 200, suspended_until null, 'infinity' in the column; login 403 without a date", async () => {
      const response = await call(world, admin, 'POST', `/admin/users/${target.id}/suspend`);
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: { message: TEXT.suspendedForGood, user_id: target.id, suspended_until: null },
      });
      expect(await suspendedUntilText(target.id)).toBe('infinity');
      expectMessage(await ownProfile(target.accessToken), 401, TEXT.revoked);
      expectMessage(await login(target), 403, TEXT.loginForGood);
      expectMessage(await login(target, 'Wrong_pass_123'), 401, TEXT.wrongCredentials);
      expectMessage(await refresh(signTestToken({ identity: target.id, type: 'refresh' })), 403, TEXT.loginForGood);
      // The account's rows still load everywhere (the admin's views of it, its profile to others).
      expect((await call(world, admin, 'GET', `/users/${target.id}`)).statusCode).toBe(200);
      expect((await call(world, admin, 'GET', `/users?search=${encodeURIComponent(target.username)}`)).statusCode).toBe(
        200,
      );
    });

    it('a suspended account cannot be made an admin (400, as "already an admin" is), and stays a member', async () => {
      expectMessage(
        await call(world, admin, 'POST', '/admin/new', { user_id: target.id }),
        400,
        'A suspended account cannot be made an admin.',
      );
      expect(await world.sql('select "is_admin" from "users" where "id" = ?', [target.id])).toEqual([
        { is_admin: false },
      ]);
    });

    it('suspending again replaces the end (and is audited again)', async () => {
      const response = await suspend(admin, target.id, { days: 1, reason: null });
      expect(response.statusCode).toBe(200);
      const { suspended_until: until } = response.json() as { suspended_until: number };
      const iso = new Date(until * 1000).toISOString();
      expect(response.json()).toEqual({
        message: TEXT.suspendedUntil(iso),
        user_id: target.id,
        suspended_until: until,
      });
      expectMessage(await login(target), 403, TEXT.loginUntil(iso));
      const entries = await eventually(async () => {
        const found = await auditOf('accounts.account_suspended', target.id);
        return found.length === 2 ? found : null;
      });
      // Newest first.
      expect(entries.map((entry) => entry.details)).toEqual([
        { until, reason: null, by: admin.id },
        { until: null, reason: null, by: admin.id },
      ]);
    });

    it('lift: 200, login works again at once, audited once; lifting again is the same 200, not audited', async () => {
      expectMessage(await lift(admin, target.id), 200, TEXT.lifted);
      expect(await suspendedUntilText(target.id)).toBeNull();
      expect((await login(target)).statusCode).toBe(200);
      expectMessage(await lift(admin, target.id), 200, TEXT.lifted);
      const [entry] = await eventually(async () => {
        const found = await auditOf('accounts.account_suspension_lifted', target.id);
        return found.length > 0 ? found : null;
      });
      expect(entry).toMatchObject({
        action: 'accounts.account_suspension_lifted',
        actor_id: admin.id,
        target_type: 'user',
        target_id: String(target.id),
        details: { by: admin.id },
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await auditOf('accounts.account_suspension_lifted', target.id)).toHaveLength(1);
    });
  });
});
