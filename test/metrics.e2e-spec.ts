/**
 * GET /metrics (Prometheus) over real HTTP: what it counts (requests by route template, emails,
 * the outbox, the database pool, Node itself) and where it is served (METRICS_TOKEN, METRICS_PORT,
 * production without either), for the API in-process and for the compiled worker.
 */
import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import type { Response } from 'light-my-request';
import { bearer, NOT_FOUND_URL, registerUser } from './support/accounts';
import { eventually, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, query, type TestDatabase } from './support/database';
import { expectMessage, startTestEnv, type TestEnv } from './support/env';
import { freePort, ServerProcess, WORKER_ENTRY } from './support/server-process';

const TOKEN = 'metrics-token-for-e2e-0123456789';
const TOKEN_REQUIRED = 'A valid metrics token is required.';
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samples(text: string): Sample[] {
  const result: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    result.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return result;
}

/** The value of the sample named `name` whose labels include `labels`, or undefined. */
function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples(text).find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}

async function scrape(test: TestApp, headers: Record<string, string> = bearer(TOKEN)): Promise<string> {
  const response = await test.app.inject({ method: 'GET', url: '/metrics', headers });
  expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({
    status: 200,
    type: PROMETHEUS_TEXT,
  });
  return response.body;
}

function expectNotFound(response: Response): void {
  expectMessage(response, 404, NOT_FOUND_URL);
}

describe('Prometheus metrics', () => {
  describe('on the main port with METRICS_TOKEN set', () => {
    let env: TestEnv;

    beforeAll(async () => {
      env = await startTestEnv({ METRICS_TOKEN: TOKEN });
    });

    afterAll(async () => {
      await env?.close();
    });

    it.each([
      ['no Authorization header', {}],
      ['a wrong token', bearer('metrics-token-for-e2e-0123456788')],
      ['the token with more after it', bearer(`${TOKEN}0`)],
      ['the token under another scheme', { authorization: `Basic ${TOKEN}` }],
    ])('with %s is 401 with the exact message', async (_case, headers) => {
      const response = await env.test.app.inject({ method: 'GET', url: '/metrics', headers });
      expectMessage(response, 401, TOKEN_REQUIRED);
    });

    it('with the token is 200 in the Prometheus text format, with or without a trailing slash', async () => {
      const text = await scrape(env.test);
      expect(text).toContain('# TYPE mentorship_http_requests_total counter');
      expect(text).toContain('# TYPE mentorship_http_request_duration_seconds histogram');
      const slash = await env.test.app.inject({ method: 'GET', url: '/metrics/', headers: bearer(TOKEN) });
      expect(slash.statusCode).toBe(200);
    });

    it('is not in the API docs', async () => {
      const document = (await env.test.app.inject({ method: 'GET', url: '/docs-json' })).json();
      expect(Object.keys(document.paths)).not.toContain('/metrics');
      expect(Object.keys(document.paths)).toContain('/users');
    });

    it('counts and times requests by method, route template and status, never by raw URL', async () => {
      const requests = 'mentorship_http_requests_total';
      const list = { method: 'GET', route: '/users', status: '401' };
      const one = { method: 'GET', route: '/users/:user_id', status: '401' };
      const unmatched = { method: 'GET', route: 'unmatched', status: '404' };
      const before = await scrape(env.test);

      await env.test.app.inject({ method: 'GET', url: '/users' });
      await env.test.app.inject({ method: 'GET', url: '/users/' });
      await env.test.app.inject({ method: 'GET', url: '/users/4711' });
      await env.test.app.inject({ method: 'GET', url: '/no-such-page-4711' });
      const after = await scrape(env.test);

      expect(sampleValue(after, requests, list)).toBe((sampleValue(before, requests, list) ?? 0) + 2);
      expect(sampleValue(after, requests, one)).toBe((sampleValue(before, requests, one) ?? 0) + 1);
      expect(sampleValue(after, requests, unmatched)).toBe((sampleValue(before, requests, unmatched) ?? 0) + 1);
      expect(sampleValue(after, requests, { route: '/metrics', status: '200', process: 'api' })).toBeGreaterThan(0);
      expect(after).not.toContain('no-such-page');
      expect(after).not.toContain('4711');

      const count = sampleValue(after, 'mentorship_http_request_duration_seconds_count', list);
      expect(count).toBe(sampleValue(after, requests, list));
      for (const le of ['0.005', '0.1', '10', '+Inf']) {
        expect(sampleValue(after, 'mentorship_http_request_duration_seconds_bucket', { ...list, le })).toBeDefined();
      }
      expect(sampleValue(after, 'mentorship_http_request_duration_seconds_bucket', { ...list, le: '+Inf' })).toBe(
        count,
      );
    });

    it('reports Node process metrics with the process label', async () => {
      const text = await scrape(env.test);
      expect(sampleValue(text, 'process_cpu_user_seconds_total', { process: 'api' })).toBeGreaterThan(0);
      expect(sampleValue(text, 'nodejs_heap_size_used_bytes', { process: 'api' })).toBeGreaterThan(0);
      expect(sampleValue(text, 'nodejs_eventloop_lag_seconds', { process: 'api' })).toBeDefined();
    });

    it('reports the PostgreSQL connection pool', async () => {
      const text = await scrape(env.test);
      const total = sampleValue(text, 'mentorship_db_pool_connections', { state: 'total', process: 'api' });
      const idle = sampleValue(text, 'mentorship_db_pool_connections', { state: 'idle', process: 'api' });
      const waiting = sampleValue(text, 'mentorship_db_pool_connections', { state: 'waiting', process: 'api' });
      expect(total).toBeGreaterThanOrEqual(1);
      expect(idle).toBeGreaterThanOrEqual(0);
      expect(idle).toBeLessThanOrEqual(total!);
      expect(waiting).toBe(0);
    });

    it('counts a verification email sent through SMTP, and one the server refused', async () => {
      const sent = { transport: 'smtp', process: 'api' };
      const failed = 'mentorship_emails_failed_total';
      const before = await scrape(env.test);
      const sentBefore = sampleValue(before, 'mentorship_emails_sent_total', sent)!;
      const failedBefore = sampleValue(before, failed)!;
      expect(sentBefore).toBeDefined();
      expect(failedBefore).toBeDefined();

      const { payload } = await registerUser(env.test);
      await env.sink.waitFor(payload.email);
      await eventually(
        async () => sampleValue(await scrape(env.test), 'mentorship_emails_sent_total', sent) === sentBefore + 1,
      );
      expect(sampleValue(await scrape(env.test), failed)).toBe(failedBefore);

      env.sink.refuseWith = 'Mailbox busy, try again later';
      try {
        const refused = await registerUser(env.test);
        await eventually(async () => sampleValue(await scrape(env.test), failed)! >= failedBefore + 1);
        env.sink.refuseWith = undefined;
        await env.sink.waitFor(refused.payload.email); // the outbox retries it
        await eventually(
          async () => sampleValue(await scrape(env.test), 'mentorship_emails_sent_total', sent) === sentBefore + 2,
        );
      } finally {
        env.sink.refuseWith = undefined;
      }
    });
  });

  describe('outbox gauges (relay off), and open without a token when NODE_ENV=test', () => {
    let db: TestDatabase;
    let test: TestApp;

    beforeAll(async () => {
      db = await createTestDatabase();
      test = await startTestApp({ databaseUrl: db.url, outbox: { enabled: false } });
    });

    afterAll(async () => {
      await test?.close();
      await db?.drop();
    });

    /** An outbox row that occurred 90 s ago, with `column` set to the SQL `value`. */
    const insertRow = (column: string, value: string) =>
      query(
        db.url,
        `insert into "outbox" ("event_id", "event_type", "payload", "meta", "occurred_at", "available_at", "${column}")
         values (gen_random_uuid(), 'test.metrics', '{}', '{}', now() - interval '90 seconds', now(), ${value})`,
      );

    it('reflect undelivered and parked rows, and not delivered ones', async () => {
      const empty = await scrape(test, {});
      expect(sampleValue(empty, 'mentorship_outbox_backlog_events', { process: 'api' })).toBe(0);
      expect(sampleValue(empty, 'mentorship_outbox_oldest_undelivered_age_seconds')).toBe(0);
      expect(sampleValue(empty, 'mentorship_outbox_parked_events')).toBe(0);

      await insertRow('attempts', '0');
      await insertRow('processed_at', 'now()');
      await insertRow('dead_at', 'now()');
      await insertRow('dead_at', "now() - interval '1 day'");

      const text = await scrape(test, {});
      expect(sampleValue(text, 'mentorship_outbox_backlog_events')).toBe(1);
      const age = sampleValue(text, 'mentorship_outbox_oldest_undelivered_age_seconds')!;
      expect(age).toBeGreaterThanOrEqual(90);
      expect(age).toBeLessThan(150);
      expect(sampleValue(text, 'mentorship_outbox_parked_events')).toBe(2);
    });

    it('a failing query does not fail the scrape: the gauges keep their last values', async () => {
      const before = await scrape(test, {});
      const backlog = sampleValue(before, 'mentorship_outbox_backlog_events');
      expect(backlog).toBe(1);
      await query(db.url, 'alter table "outbox" rename to "outbox_hidden"');
      try {
        const during = await scrape(test, {});
        expect(sampleValue(during, 'mentorship_outbox_backlog_events')).toBe(backlog);
        expect(sampleValue(during, 'mentorship_outbox_parked_events')).toBe(2);
      } finally {
        await query(db.url, 'alter table "outbox_hidden" rename to "outbox"');
      }
    });
  });

  describe('with METRICS_PORT set', () => {
    let db: TestDatabase;
    let test: TestApp | undefined;
    let port: number;

    beforeAll(async () => {
      db = await createTestDatabase();
      port = await freePort();
      test = await startTestApp({
        databaseUrl: db.url,
        outbox: { enabled: false },
        env: { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN },
      });
    });

    afterAll(async () => {
      await test?.close();
      await db?.drop();
    });

    it('serves GET /metrics on that port, without a token', async () => {
      await test!.app.inject({ method: 'GET', url: '/health/live' });
      for (const path of ['/metrics', '/metrics/', '/metrics?x=1']) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({
          path,
          status: 200,
          type: PROMETHEUS_TEXT,
        });
        const text = await response.text();
        expect(sampleValue(text, 'process_cpu_user_seconds_total', { process: 'api' })).toBeGreaterThan(0);
        expect(
          sampleValue(text, 'mentorship_http_requests_total', { route: '/health/live', status: '200' }),
        ).toBeGreaterThan(0);
      }
    });

    it('and nothing else there', async () => {
      for (const [method, path] of [
        ['GET', '/'],
        ['GET', '/health/live'],
        ['GET', '/metricsx'],
        ['POST', '/metrics'],
      ]) {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
        expect({ method, path, status: response.status, type: response.headers.get('content-type') }).toEqual({
          method,
          path,
          status: 404,
          type: 'text/plain; charset=utf-8',
        });
      }
    });

    it('/metrics on the main port is the usual 404, with the token or without, whatever the method', async () => {
      expectNotFound(await test!.app.inject({ method: 'GET', url: '/metrics' }));
      expectNotFound(await test!.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) }));
      expectNotFound(await test!.app.inject({ method: 'POST', url: '/metrics' }));
    });

    it('closes the port when the app closes', async () => {
      await test!.close();
      test = undefined;
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '0.0.0.0', resolve);
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  });

  describe('in production without METRICS_PORT or METRICS_TOKEN', () => {
    let db: TestDatabase;
    let test: TestApp;
    let warn: jest.SpyInstance;

    beforeAll(async () => {
      warn = jest.spyOn(Logger.prototype, 'warn');
      db = await createTestDatabase();
      test = await startTestApp({ databaseUrl: db.url, outbox: { enabled: false }, env: { NODE_ENV: 'production' } });
    });

    afterAll(async () => {
      warn?.mockRestore();
      await test?.close();
      await db?.drop();
    });

    it('/metrics is not served: the usual 404, never a 405', async () => {
      expect(test.config.nodeEnv).toBe('production');
      expectNotFound(await test.app.inject({ method: 'GET', url: '/metrics' }));
      expectNotFound(await test.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) }));
      expectNotFound(await test.app.inject({ method: 'POST', url: '/metrics' }));
    });

    it('a warning at start says once how to enable it', () => {
      const warnings = warn.mock.calls.filter(
        ([message]) => typeof message === 'string' && message.includes('/metrics is not served'),
      );
      expect(warnings).toHaveLength(1);
      expect(warnings[0][0]).toContain('METRICS_PORT');
      expect(warnings[0][0]).toContain('METRICS_TOKEN');
    });
  });

  describe('the compiled worker', () => {
    let db: TestDatabase;
    let worker: ServerProcess;

    beforeAll(async () => {
      db = await createTestDatabase();
      worker = new ServerProcess(
        await freePort(),
        {
          NODE_ENV: 'production',
          JWT_SECRET: 'a-long-enough-secret-for-production-tests-0123',
          LOG_LEVEL: 'warn',
          DATABASE_URL: db.url,
          METRICS_TOKEN: TOKEN,
        },
        WORKER_ENTRY,
      ).start();
      await worker.ready();
    });

    afterAll(async () => {
      if (worker) expect(await worker.stop()).toEqual({ code: 0, signal: null });
      await db?.drop();
    });

    it('serves /metrics on its PORT by the same rules, labelled process="worker"', async () => {
      const denied = await fetch(`${worker.url}/metrics`);
      expect({ status: denied.status, body: await denied.json() }).toEqual({
        status: 401,
        body: { message: TOKEN_REQUIRED },
      });

      const response = await fetch(`${worker.url}/metrics`, { headers: bearer(TOKEN) });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(sampleValue(text, 'process_cpu_user_seconds_total', { process: 'worker' })).toBeGreaterThan(0);
      expect(sampleValue(text, 'mentorship_outbox_backlog_events', { process: 'worker' })).toBe(0);
      expect(
        sampleValue(text, 'mentorship_db_pool_connections', { state: 'total', process: 'worker' }),
      ).toBeGreaterThan(0);
      expect(
        sampleValue(text, 'mentorship_http_requests_total', { route: '/health/ready', status: '200' }),
      ).toBeGreaterThan(0);
      expect(text).not.toContain('process="api"');
    });
  });
});
