/**
 * No secret reaches the log (issue 15): the compiled server, as `npm start` runs it, at the most
 * verbose level, is sent passwords, tokens in headers, bodies and URLs; its whole output must
 * contain none of them, nor the secrets of its own configuration.
 */
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, ServerProcess } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';

const secret = (label: string) => `${label}${randomBytes(12).toString('hex')}`;

describe('secrets stay out of the log', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let server: ServerProcess;
  const jwtSecret = secret('jwt-secret-');
  const dbPassword = secret('dbpass');
  const metricsToken = secret('metrics-token-');
  const password = `Pw_${randomBytes(8).toString('hex')}`;
  const newPassword = `Pw_${randomBytes(8).toString('hex')}`;
  const urlTokens = [secret('confirm'), secret('reset'), secret('unsub'), secret('ticket')];
  const seen: string[] = [];

  const request = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        cookie: `session=${urlTokens[0]}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, json: (isJson && text ? JSON.parse(text) : null) as Record<string, string> };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    const url = new URL(db.url);
    url.password = dbPassword; // trust authentication ignores it; the log must not show it
    server = new ServerProcess(await freePort(), {
      NODE_ENV: 'production',
      LOG_LEVEL: 'trace',
      JWT_SECRET: jwtSecret,
      DATABASE_URL: url.toString(),
      SMTP_URL: sink.url,
      METRICS_TOKEN: metricsToken,
      APP_URL: 'http://mentorship.test',
    }).start();
    await server.ready(60_000);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await sink?.stop();
    await db?.drop();
  });

  it('logs requests without the passwords and tokens they carried', async () => {
    const username = `redact_${randomBytes(4).toString('hex')}`;
    const email = `${username}@example.org`;
    expect(
      (
        await request('POST', '/register', {
          name: 'Red Act',
          username,
          email,
          password,
          terms_and_conditions_checked: true,
        })
      ).status,
    ).toBe(201);
    const mail = await sink.waitFor(email);
    const confirm = /\/user\/confirm_email\/([^\s"<]+)/.exec(mail.text)?.[1];
    expect(confirm).toBeDefined();
    expect((await request('GET', `/user/confirm_email/${confirm}`)).status).toBe(200);
    const login = await request('POST', '/login', { username, password });
    expect(login.status).toBe(200);
    const { access_token: access, refresh_token: refresh } = login.json;
    seen.push(access, refresh, confirm!);
    expect((await request('GET', '/user', undefined, access)).status).toBe(200);
    expect((await request('POST', '/refresh', undefined, refresh)).status).toBe(200);
    expect(
      (await request('PUT', '/user/change_password', { current_password: password, new_password: newPassword }, access))
        .status,
    ).toBe(201);
    // Tokens in URLs: wrong ones, but the log must not keep them either.
    await request('GET', `/user/confirm_email/${urlTokens[0]}`);
    await request('GET', `/user/reset_password/${urlTokens[1]}`);
    await request('POST', '/user/reset_password', { token: urlTokens[1], new_password: newPassword });
    await request('GET', `/unsubscribe/${urlTokens[2]}`);
    await request('GET', `/events?ticket=${urlTokens[3]}`);
    await request('GET', `/metrics`, undefined, metricsToken);
    // Let the last lines reach the pipe.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const log = server.log;
    expect(log).toContain('/user/confirm_email/[REDACTED]');
    expect(log.length).toBeGreaterThan(1000);
    const leaked = [jwtSecret, dbPassword, metricsToken, password, newPassword, ...urlTokens, ...seen].filter((value) =>
      log.includes(value),
    );
    expect(leaked).toEqual([]);
  });
});
