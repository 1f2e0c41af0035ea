/**
 * GET /admin/audit_log: the account events of a user's life (written asynchronously by the outbox
 * relay), each traceable to the request that caused it, filterable and paginated, admins only,
 * and never holding a password or a token.
 */
import type { Response } from 'light-my-request';
import { eventually } from '../support/app';
import { bearer, CONFIRMATION_SUBJECT, confirmationPath, newRegistration } from '../support/accounts';
import {
  type AccountsEnv,
  expectMessage,
  MESSAGES,
  parseLinkHeader,
  RESET_SUBJECT,
  resetLink,
  startAccountsEnv,
} from './support';

interface Entry {
  id: number;
  event_id: string;
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  occurred_at: number;
  details: Record<string, unknown>;
}

const ENTRY_KEYS = [
  'id',
  'event_id',
  'action',
  'actor_id',
  'target_type',
  'target_id',
  'request_id',
  'occurred_at',
  'details',
].sort();

const EXPECTED_ACTIONS = [
  'accounts.user_registered',
  'accounts.email_verified',
  'accounts.user_logged_in',
  'accounts.login_failed',
  'accounts.password_changed',
  'accounts.admin_granted',
  'accounts.admin_revoked',
  'accounts.user_deleted',
];

describe('GET /admin/audit_log', () => {
  let env: AccountsEnv;
  const run = `r${Date.now().toString(36)}`;
  const rid = (step: string) => `${run}-${step}`;
  /** Every secret that went over the wire; none may appear in the log. */
  const secrets: string[] = [];
  /** request id → the x-request-id the app answered with. */
  const echoed = new Map<string, string | undefined>();

  let adminId: number;
  let adminToken: string;
  let memberId: number;
  let bystanderToken: string;
  let all: Entry[];

  async function send(
    step: string,
    request: {
      method: 'GET' | 'POST' | 'PUT' | 'DELETE';
      url: string;
      payload?: object;
      headers?: Record<string, string>;
    },
  ): Promise<Response> {
    const response = await env.test.app.inject({
      ...request,
      headers: { ...request.headers, 'x-request-id': rid(step) },
    });
    echoed.set(rid(step), response.headers['x-request-id'] as string | undefined);
    return response;
  }

  /** Registers, verifies and logs in, each with its own request id; returns id and tokens. */
  async function onboard(prefix: string, password: string) {
    const payload = newRegistration({ password });
    secrets.push(password);
    const registered = await send(`${prefix}-register`, { method: 'POST', url: '/register', payload });
    expect(registered.statusCode).toBe(201);
    const mail = await env.sink.waitFor(payload.email, CONFIRMATION_SUBJECT);
    const path = confirmationPath(mail);
    secrets.push(path.split('/').pop()!);
    expect((await send(`${prefix}-verify`, { method: 'GET', url: path })).statusCode).toBe(200);
    const loggedIn = await send(`${prefix}-login`, {
      method: 'POST',
      url: '/login',
      payload: { username: payload.username, password },
    });
    expect(loggedIn.statusCode).toBe(200);
    const { access_token, refresh_token } = loggedIn.json();
    secrets.push(access_token, refresh_token);
    const me = await env.test.app.inject({ method: 'GET', url: '/user', headers: bearer(access_token) });
    return { id: me.json().id as number, payload, accessToken: access_token as string };
  }

  const auditLog = (query = '', token = adminToken) =>
    env.test.app.inject({ method: 'GET', url: `/admin/audit_log${query}`, headers: bearer(token) });

  beforeAll(async () => {
    env = await startAccountsEnv();
    const admin = await onboard('admin', 'Audit_admin_pw_1');
    adminId = admin.id;
    adminToken = admin.accessToken;
    const bystander = await onboard('bystander', 'Audit_bystander_pw_2');
    bystanderToken = bystander.accessToken;
    const member = await onboard('member', 'Audit_member_pw_3');
    memberId = member.id;

    const wrong = 'Audit_wrong_pw_4';
    secrets.push(wrong);
    const failed = await send('member-login-failed', {
      method: 'POST',
      url: '/login',
      payload: { username: member.payload.username, password: wrong },
    });
    expect(failed.statusCode).toBe(401);

    const changed = 'Audit_changed_pw_5';
    secrets.push(changed);
    const change = await send('member-change-password', {
      method: 'PUT',
      url: '/user/change_password',
      headers: bearer(member.accessToken),
      payload: { current_password: member.payload.password, new_password: changed },
    });
    expect(change.statusCode).toBe(201);

    const forgot = await send('member-forgot', {
      method: 'POST',
      url: '/user/forgot_password',
      payload: { email: member.payload.email },
    });
    expect(forgot.statusCode).toBe(200);
    const { token: resetToken } = resetLink(await env.sink.waitFor(member.payload.email, RESET_SUBJECT));
    secrets.push(resetToken);
    const reset = 'Audit_reset_pw_6';
    secrets.push(reset);
    const resetResponse = await send('member-reset', {
      method: 'POST',
      url: '/user/reset_password',
      payload: { token: resetToken, new_password: reset },
    });
    expect(resetResponse.statusCode).toBe(200);
    const relogin = await send('member-relogin', {
      method: 'POST',
      url: '/login',
      payload: { username: member.payload.username, password: reset },
    });
    expect(relogin.statusCode).toBe(200);
    const memberToken = relogin.json().access_token as string;
    secrets.push(memberToken, relogin.json().refresh_token);

    const grant = await send('admin-grant', {
      method: 'POST',
      url: '/admin/new',
      headers: bearer(adminToken),
      payload: { user_id: memberId },
    });
    expect(grant.statusCode).toBe(200);
    const revoke = await send('admin-revoke', {
      method: 'POST',
      url: '/admin/remove',
      headers: bearer(adminToken),
      payload: { user_id: memberId },
    });
    expect(revoke.statusCode).toBe(200);

    const deleted = await send('member-delete', { method: 'DELETE', url: '/user', headers: bearer(memberToken) });
    expect(deleted.statusCode).toBe(200);

    all = await eventually(
      async () => {
        const response = await auditLog('?per_page=100');
        if (response.statusCode !== 200) return undefined;
        const entries = response.json() as Entry[];
        const deletion = entries.find((entry) => entry.action === 'accounts.user_deleted');
        const resetChange = entries.find((entry) => entry.request_id === rid('member-reset'));
        return deletion && resetChange && EXPECTED_ACTIONS.every((a) => entries.some((e) => e.action === a))
          ? entries
          : undefined;
      },
      15_000,
      200,
    );
    // Let any straggler be relayed, then take the final list.
    await new Promise((resolve) => setTimeout(resolve, 600));
    all = (await auditLog('?per_page=100')).json();
  });

  afterAll(async () => {
    await env?.close();
  });

  const byRequest = (step: string) => all.filter((entry) => entry.request_id === rid(step));
  const single = (step: string, action: string) => {
    const entries = byRequest(step).filter((entry) => entry.action === action);
    expect({ step, action, count: entries.length }).toEqual({ step, action, count: 1 });
    return entries[0];
  };

  it('every entry has exactly the keys id, event_id, action, actor_id, target_type, target_id, request_id, occurred_at, details', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const entry of all) expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS);
  });

  it('holds every account action of the story', () => {
    const actions = new Set(all.map((entry) => entry.action));
    for (const action of EXPECTED_ACTIONS) expect(actions).toContain(action);
  });

  it('newest first', () => {
    for (let i = 1; i < all.length; i += 1) {
      expect(all[i - 1].occurred_at).toBeGreaterThanOrEqual(all[i].occurred_at);
    }
    expect(all[0].action).toBe('accounts.user_deleted');
  });

  it('each entry names the request that caused it (the x-request-id sent, and echoed)', () => {
    const expectations: Array<[string, string]> = [
      ['admin-register', 'accounts.user_registered'],
      ['admin-verify', 'accounts.email_verified'],
      ['admin-login', 'accounts.user_logged_in'],
      ['member-register', 'accounts.user_registered'],
      ['member-verify', 'accounts.email_verified'],
      ['member-login', 'accounts.user_logged_in'],
      ['member-login-failed', 'accounts.login_failed'],
      ['member-change-password', 'accounts.password_changed'],
      ['member-reset', 'accounts.password_changed'],
      ['admin-grant', 'accounts.admin_granted'],
      ['admin-revoke', 'accounts.admin_revoked'],
      ['member-delete', 'accounts.user_deleted'],
    ];
    for (const [step, action] of expectations) {
      const entry = single(step, action);
      expect(entry.request_id).toBe(echoed.get(rid(step)));
      expect(echoed.get(rid(step))).toBe(rid(step));
    }
  });

  it('actors and targets', () => {
    expect(single('member-login-failed', 'accounts.login_failed')).toMatchObject({
      target_type: 'user',
      target_id: String(memberId),
      details: { reason: 'wrong_password' },
    });
    expect(single('member-change-password', 'accounts.password_changed')).toMatchObject({
      actor_id: memberId,
      target_type: 'user',
      target_id: String(memberId),
      details: { via: 'change_password' },
    });
    expect(single('member-reset', 'accounts.password_changed')).toMatchObject({
      target_id: String(memberId),
      details: { via: 'reset_password' },
    });
    expect(single('admin-grant', 'accounts.admin_granted')).toMatchObject({
      actor_id: adminId,
      target_type: 'user',
      target_id: String(memberId),
    });
    expect(single('admin-revoke', 'accounts.admin_revoked')).toMatchObject({
      actor_id: adminId,
      target_id: String(memberId),
    });
    expect(single('member-delete', 'accounts.user_deleted')).toMatchObject({
      actor_id: memberId,
      target_type: 'user',
      target_id: String(memberId),
    });
    expect(single('admin-register', 'accounts.user_registered')).toMatchObject({
      target_id: String(adminId),
      details: { isAdmin: true },
    });
  });

  it('no entry holds a password or a token that was used', () => {
    const serialized = JSON.stringify(all);
    expect(secrets.length).toBeGreaterThanOrEqual(15);
    for (const secret of secrets)
      expect({ secret, found: serialized.includes(secret) }).toEqual({ secret, found: false });
  });

  describe('filters', () => {
    it('action=', async () => {
      const response = await auditLog('?action=accounts.login_failed&per_page=100');
      expect(response.statusCode).toBe(200);
      const entries = response.json() as Entry[];
      const expected = all.filter((entry) => entry.action === 'accounts.login_failed');
      expect(entries).toEqual(expected);
      expect(entries.length).toBeGreaterThan(0);
      expect(response.headers['x-total-count']).toBe(String(expected.length));
    });

    it('actor_id=', async () => {
      const response = await auditLog(`?actor_id=${adminId}&per_page=100`);
      expect(response.statusCode).toBe(200);
      const entries = response.json() as Entry[];
      expect(entries).toEqual(all.filter((entry) => entry.actor_id === adminId));
      expect(entries.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['accounts.admin_granted', 'accounts.admin_revoked']),
      );
      expect(response.headers['x-total-count']).toBe(String(entries.length));
    });

    it('since= and until= (epoch seconds): since inclusive, until exclusive', async () => {
      const granted = single('admin-grant', 'accounts.admin_granted');
      const since = Math.floor(granted.occurred_at);
      const until = since + 1;
      const response = await auditLog(`?since=${since}&until=${until}&per_page=100`);
      expect(response.statusCode).toBe(200);
      const entries = response.json() as Entry[];
      expect(entries).toEqual(all.filter((entry) => entry.occurred_at >= since && entry.occurred_at < until));
      expect(entries.map((entry) => entry.id)).toContain(granted.id);

      const sinceOnly = (await auditLog(`?since=${since}&per_page=100`)).json() as Entry[];
      expect(sinceOnly).toEqual(all.filter((entry) => entry.occurred_at >= since));
      const untilOnly = (await auditLog(`?until=${since}&per_page=100`)).json() as Entry[];
      expect(untilOnly).toEqual(all.filter((entry) => entry.occurred_at < since));
    });

    it('a time range with nothing in it: [] and X-Total-Count 0', async () => {
      const future = Math.floor(Date.now() / 1000) + 86_400;
      const response = await auditLog(`?since=${future}`);
      expect(response.json()).toEqual([]);
      expect(response.headers['x-total-count']).toBe('0');
      expect((await auditLog('?until=1000')).json()).toEqual([]);
    });

    it('filters combine', async () => {
      const response = await auditLog(`?actor_id=${memberId}&action=accounts.password_changed&per_page=100`);
      expect(response.json()).toEqual(
        all.filter((entry) => entry.actor_id === memberId && entry.action === 'accounts.password_changed'),
      );
    });

    it('an invalid actor_id: 400', async () => {
      expectMessage(await auditLog('?actor_id=abc'), 400, 'The actor_id query parameter is invalid.');
    });
  });

  describe('paging', () => {
    it('per_page=1&page=2: the second newest entry, X-Total-Count of all, and a Link', async () => {
      const response = await auditLog('?per_page=1&page=2');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([all[1]]);
      expect(response.headers['x-total-count']).toBe(String(all.length));
      const links = parseLinkHeader(response.headers.link as string);
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next', 'prev']);
      expect(links.next.searchParams.get('page')).toBe('3');
      expect(links.last.searchParams.get('page')).toBe(String(all.length));
      expect(links.last.searchParams.get('per_page')).toBe('1');
    });

    it('default page size 20', async () => {
      const response = await auditLog();
      expect(response.json()).toEqual(all.slice(0, 20));
      expect(response.headers['x-total-count']).toBe(String(all.length));
    });
  });

  it('a non-admin: 403 "User is not an Admin."', async () => {
    expectMessage(await auditLog('', bystanderToken), 403, MESSAGES.notAdmin);
  });

  it('without a token: 401', async () => {
    const response = await env.test.app.inject({ method: 'GET', url: '/admin/audit_log' });
    expectMessage(response, 401, 'The authorization token is missing!');
  });
});
