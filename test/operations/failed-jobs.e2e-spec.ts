/**
 * Deliveries that fail, through the in-process relay (no Redis) and through BullMQ (REDIS_URL):
 * retries with exponential backoff, the per-minute SMTP rate limit, and what an admin sees in
 * GET /admin/jobs/failed and sends back with POST /admin/jobs/{id}/retry.
 */
import {
  APP_URL,
  bearer,
  CONFIRMATION_SUBJECT,
  createVerifiedUser,
  registerUser,
  type VerifiedUser,
} from '../support/accounts';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { expectMessage } from '../support/env';
import { SmtpSink } from '../support/smtp-sink';

const REDIS_URL = 'redis://127.0.0.1:6379';
const JOB_RETRIED = 'The job will run again.';
const NO_SUCH_FAILED_JOB = 'There is no failed job with this id.';
const NOT_AN_ADMIN = 'User is not an Admin.';
const FAILED_JOB_KEYS = [
  'attempts',
  'error',
  'event_id',
  'event_type',
  'failed_at',
  'handler',
  'id',
  'job',
  'queue',
  'source',
].sort();

interface World {
  db: TestDatabase;
  sink: SmtpSink;
  test: TestApp;
  admin: VerifiedUser;
  member: VerifiedUser;
  close(): Promise<void>;
}

async function startWorld(env: Record<string, string>, outbox: Record<string, number> = {}): Promise<World> {
  const db = await createTestDatabase();
  const sink = await new SmtpSink().start();
  const test = await startTestApp({
    databaseUrl: db.url,
    env: { SMTP_URL: sink.url, APP_URL, ...env },
    outbox: { retryBaseDelayMs: 50, maxRetryDelayMs: 200, ...outbox },
  });
  // The first account is the admin (as in the reference); the second is anyone.
  const admin = await createVerifiedUser(test, sink);
  const member = await createVerifiedUser(test, sink);
  return {
    db,
    sink,
    test,
    admin,
    member,
    async close() {
      await test.close();
      await sink.stop();
      await db.drop();
    },
  };
}

const failedJobs = (world: World, token = world.admin.accessToken, url = '/admin/jobs/failed') =>
  world.test.app.inject({ method: 'GET', url, headers: bearer(token) });
const retry = (world: World, id: string, token = world.admin.accessToken) =>
  world.test.app.inject({
    method: 'POST',
    url: `/admin/jobs/${encodeURIComponent(id)}/retry`,
    headers: bearer(token),
  });

describe('failed deliveries without Redis: parked outbox events', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({}, { maxAttempts: 2 });
    const me = await world.test.app.inject({ method: 'GET', url: '/user', headers: bearer(world.admin.accessToken) });
    expect(me.json().is_admin).toBe(true);
  });
  afterAll(() => world?.close());

  it('is admins only', async () => {
    expectMessage(await failedJobs(world, world.member.accessToken), 403, NOT_AN_ADMIN);
    expectMessage(await retry(world, 'outbox.1', world.member.accessToken), 403, NOT_AN_ADMIN);
    const anonymous = await world.test.app.inject({ method: 'GET', url: '/admin/jobs/failed' });
    expectMessage(anonymous, 401, 'The authorization token is missing!');
  });

  it('lists an event parked after its attempts, and a retry delivers it once the server accepts mail', async () => {
    expect((await failedJobs(world)).json()).toEqual([]);
    world.sink.refuseWith = '4.3.0 Mailbox busy';
    const { payload } = await registerUser(world.test);
    const [row] = await eventually(
      () =>
        query<{ id: string }>(
          world.db.url,
          `select id from outbox where event_type = 'accounts.verification_email_requested' and dead_at is not null`,
        ).then((rows) => (rows.length ? rows : undefined)),
      15_000,
    );
    const listed = await failedJobs(world);
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['x-total-count']).toBe('1');
    const [job] = listed.json();
    expect(Object.keys(job).sort()).toEqual(FAILED_JOB_KEYS);
    expect(job).toMatchObject({
      id: `outbox.${row.id}`,
      source: 'outbox',
      queue: null,
      job: null,
      event_type: 'accounts.verification_email_requested',
      handler: null,
      attempts: 2,
    });
    expect(job.error).toContain('SendVerificationEmailWhenVerificationEmailRequested');
    expect(job.error).toContain('Mailbox busy');
    expect(world.sink.messages.filter((mail) => mail.to.includes(payload.email))).toHaveLength(0);

    world.sink.refuseWith = undefined;
    expectMessage(await retry(world, job.id), 200, JOB_RETRIED);
    await world.sink.waitFor(payload.email, CONFIRMATION_SUBJECT);
    expect((await failedJobs(world)).json()).toEqual([]);
    // Sent once, and the retry is in the audit log with the admin as actor.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.sink.messages.filter((mail) => mail.to.includes(payload.email))).toHaveLength(1);
    const audit = await eventually(async () => {
      const response = await world.test.app.inject({
        method: 'GET',
        url: '/admin/audit_log?action=operations.failed_job_retried',
        headers: bearer(world.admin.accessToken),
      });
      return response.json().length > 0 ? response.json() : undefined;
    });
    expect(audit[0]).toMatchObject({ actor_id: world.admin.id, target_type: 'job', target_id: job.id });
  });

  it('answers 404 for an id that is not a failed job, a second retry included', async () => {
    expectMessage(await retry(world, 'outbox.999999'), 404, NO_SUCH_FAILED_JOB);
    expectMessage(await retry(world, 'outbox.not-a-number'), 404, NO_SUCH_FAILED_JOB);
    expectMessage(await retry(world, 'email.some-job'), 404, NO_SUCH_FAILED_JOB);
    expectMessage(await retry(world, 'nonsense'), 404, NO_SUCH_FAILED_JOB);
    const [done] = await query<{ id: string }>(
      world.db.url,
      `select id from outbox where event_type = 'accounts.verification_email_requested' order by id desc limit 1`,
    );
    expectMessage(await retry(world, `outbox.${done.id}`), 404, NO_SUCH_FAILED_JOB);
  });

  it('rejects bad paging parameters with 400', async () => {
    expectMessage(
      await failedJobs(world, undefined, '/admin/jobs/failed?page=0'),
      400,
      'The page query parameter is invalid.',
    );
    expectMessage(
      await failedJobs(world, undefined, '/admin/jobs/failed?per_page=101'),
      400,
      'The per_page query parameter is invalid.',
    );
  });
});

describe('failed deliveries through BullMQ (REDIS_URL, this process also working the queues)', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld({ REDIS_URL, RUN_BACKGROUND_JOBS: 'true', JOB_MAX_ATTEMPTS: '3' });
  });
  afterAll(() => world?.close());

  it('retries a refused email with exponential backoff, then delivers it once', async () => {
    const refusedBefore = world.sink.refusedAt.length;
    world.sink.refuseWith = '4.3.0 Greylisted';
    const { payload } = await registerUser(world.test);
    await eventually(() => world.sink.refusedAt.length - refusedBefore >= 2, 15_000);
    world.sink.refuseWith = undefined;
    await world.sink.waitFor(payload.email, CONFIRMATION_SUBJECT, 15_000);
    const [first, second] = world.sink.refusedAt.slice(refusedBefore);
    // BullMQ's exponential backoff from 1 s: the second attempt waits about a second.
    expect(second - first).toBeGreaterThanOrEqual(900);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.sink.messages.filter((mail) => mail.to.includes(payload.email))).toHaveLength(1);
    const [row] = await query<{ processed: boolean; delivered_to: string[] }>(
      world.db.url,
      `select processed_at is not null as processed, delivered_to from outbox
        where event_type = 'accounts.verification_email_requested' and payload->>'email' = $1`,
      [payload.email],
    );
    expect(row.processed).toBe(true);
    expect(row.delivered_to).toContain('SendVerificationEmailWhenVerificationEmailRequested');
  });

  it('lists a job that used up its attempts; the outbox row waits undelivered; a retry delivers it', async () => {
    world.sink.refuseWith = '5.7.1 Relay denied';
    const { payload } = await registerUser(world.test);
    const job = await eventually(async () => (await failedJobs(world)).json()[0], 20_000, 200);
    expect(Object.keys(job).sort()).toEqual(FAILED_JOB_KEYS);
    expect(job).toMatchObject({
      source: 'queue',
      queue: 'email',
      job: 'outbox-delivery',
      event_type: 'accounts.verification_email_requested',
      handler: 'SendVerificationEmailWhenVerificationEmailRequested',
      attempts: 3,
    });
    expect(job.id).toBe(`email.${job.event_id}.SendVerificationEmailWhenVerificationEmailRequested`);
    expect(job.error).toContain('Relay denied');
    const [row] = await query<{ processed: boolean; dead: boolean }>(
      world.db.url,
      `select processed_at is not null as processed, dead_at is not null as dead from outbox where event_id = $1`,
      [job.event_id],
    );
    expect(row).toEqual({ processed: false, dead: false });
    const metrics = (await world.test.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^mentorship_queue_jobs\{(?=[^}]*queue="email")(?=[^}]*state="failed")[^}]*\} 1$/m);
    expect(metrics).toMatch(
      /^mentorship_queue_job_failures_total\{(?=[^}]*queue="email")(?=[^}]*final="true")[^}]*\} 1$/m,
    );
    expect(metrics).toMatch(/^mentorship_outbox_backlog_events(\{[^}]*\})? 1$/m);

    expectMessage(await retry(world, job.id, world.member.accessToken), 403, NOT_AN_ADMIN);
    world.sink.refuseWith = undefined;
    expectMessage(await retry(world, job.id), 200, JOB_RETRIED);
    await world.sink.waitFor(payload.email, CONFIRMATION_SUBJECT, 15_000);
    await eventually(async () => {
      const [after] = await query<{ processed: boolean }>(
        world.db.url,
        `select processed_at is not null as processed from outbox where event_id = $1`,
        [job.event_id],
      );
      return after.processed;
    });
    expect((await failedJobs(world)).json()).toEqual([]);
    expectMessage(await retry(world, job.id), 404, NO_SUCH_FAILED_JOB);
    // The retry's own audit event is relayed right after; then nothing is left.
    const after = await eventually(async () => {
      const body = (await world.test.app.inject({ method: 'GET', url: '/metrics' })).body;
      return /^mentorship_outbox_backlog_events(\{[^}]*\})? 0$/m.test(body) ? body : undefined;
    });
    expect(after).toMatch(/^mentorship_queue_jobs\{(?=[^}]*queue="email")(?=[^}]*state="failed")[^}]*\} 0$/m);
  });
});

describe('the per-minute SMTP rate limit (SMTP_RATE_LIMIT_PER_MINUTE)', () => {
  let world: World;

  beforeAll(async () => {
    // The two set-up accounts' emails count against the limit of the first minute too.
    world = await startWorld({ REDIS_URL, RUN_BACKGROUND_JOBS: 'true', SMTP_RATE_LIMIT_PER_MINUTE: '4' });
  });
  afterAll(() => world?.close());

  it('sends no more than the limit within a minute; the rest wait in the queue', async () => {
    expect(world.sink.messages).toHaveLength(2);
    const emails: string[] = [];
    for (let i = 0; i < 5; i += 1) emails.push((await registerUser(world.test)).payload.email);
    await eventually(() => world.sink.messages.length >= 4, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(world.sink.messages).toHaveLength(4);
    const [{ waiting }] = await query<{ waiting: string }>(
      world.db.url,
      `select count(*) as waiting from outbox where processed_at is null and event_type = 'accounts.verification_email_requested'`,
    );
    expect(Number(waiting)).toBe(3);
  });
});
