/**
 * The scaled profile, on this machine: two API processes and two workers (the compiled entry
 * points, started as production starts them) on one PostgreSQL and one Redis, mailing a real SMTP
 * sink. The APIs do no background work (REDIS_URL set, RUN_BACKGROUND_JOBS unset); the workers
 * relay the outbox, run the BullMQ jobs and the scheduled jobs.
 *
 * Three runs of 200 sign-ups spread over both APIs: undisturbed (exactly one verification email per
 * user), with one worker killed by SIGKILL halfway, and with Redis flushed halfway (every email still
 * arrives; duplicates are counted and reported). Then the completion job fires on both workers at
 * the same second: each relation is completed once and each completion email sent once. Between
 * runs, /metrics of a worker is scraped until the outbox backlog is 0 again.
 *
 * Delivery latency (201 → the sink has the email) is printed per run, p50 and p99.
 * `npm run test:scale` runs this file alone; `npm test` runs it with the rest.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_URL, CONFIRMATION_SUBJECT, confirmationPath } from '../support/accounts';
import { TEST_JWT_SECRET, eventually } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { freePort, ServerProcess, WORKER_ENTRY } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';

/** Its own Redis database, so flushing it touches no other spec's keys. */
const REDIS_URL = 'redis://127.0.0.1:6379/13';
const USERS_PER_RUN = 200;
const CONCURRENT_SIGNUPS = 8;
const COMPLETION_SUBJECT = 'Mentorship System - Your mentorship relation is complete';
const RELATIONS = 10;
const PASSWORD = 'Scale_out_pass_123';

jest.setTimeout(240_000);

interface SignUp {
  username: string;
  email: string;
  /** When the API answered 201. */
  at: number;
}

/** Names may not hold digits: 12 → "bc". */
const lettersOf = (n: number) =>
  String(n)
    .split('')
    .map((digit) => 'abcdefghij'[Number(digit)])
    .join('');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('scale-out: 2 APIs and 2 workers on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let redis: Redis;
  const apis: ServerProcess[] = [];
  const workers: ServerProcess[] = [];
  const prefix = `scale-${randomBytes(4).toString('hex')}`;
  const latencies: Record<string, { p50: number; p99: number; max: number; duplicates: number }> = {};
  const latenciesNote: Record<string, string> = {};
  let runTag = 0;

  const env = (): Record<string, string> => ({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    APP_URL,
    JWT_SECRET: TEST_JWT_SECRET,
    // Short enough that a run recovers lost work within seconds, not the production minutes.
    OUTBOX_REQUEUE_AFTER: '5s',
    OUTBOX_LEASE: '10s',
    // Every second on every worker: the completion run has both fire at the same occurrence.
    RELATION_COMPLETION_CRON: '* * * * * *',
    PASSWORD_HASH_CONCURRENCY: '1',
  });

  const startWorker = async () => {
    const worker = new ServerProcess(await freePort(), env(), WORKER_ENTRY).start();
    await worker.ready();
    workers.push(worker);
    return worker;
  };
  const liveWorkers = () => workers.filter((worker) => !worker.finished);

  /** The value of a metric without labels beyond the process one, from a live worker's /metrics. */
  async function scrape(name: string): Promise<number | undefined> {
    const text = await (await fetch(`${liveWorkers()[0].url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((candidate) => candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** Waits until the outbox backlog, as /metrics reports it, is 0 again. */
  async function backlogDrained(timeoutMs = 90_000): Promise<void> {
    await eventually(async () => (await scrape('mentorship_outbox_backlog_events')) === 0, timeoutMs, 250);
  }

  const mailsTo = (email: string, subject: string) =>
    sink.messages.filter((mail) => mail.to.includes(email) && mail.subject === subject);

  /** 200 sign-ups, alternating APIs, CONCURRENT_SIGNUPS at a time; `halfway` runs after the 100th 201. */
  async function signUpMany(halfway?: () => Promise<void>): Promise<SignUp[]> {
    runTag += 1;
    const signUps: SignUp[] = [];
    let next = 0;
    let halfwayDone: Promise<void> | undefined;
    const one = async (index: number) => {
      const username = `scale${runTag}u${index}`;
      const email = `${username}@example.org`;
      const response = await fetch(`${apis[index % apis.length].url}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Scale Member ${lettersOf(runTag)} ${lettersOf(index)}`,
          username,
          email,
          password: PASSWORD,
          terms_and_conditions_checked: true,
          need_mentoring: true,
          available_to_mentor: true,
        }),
      });
      if (response.status !== 201)
        throw new Error(`POST /register answered ${response.status}: ${await response.text()}`);
      signUps.push({ username, email, at: Date.now() });
      if (signUps.length === USERS_PER_RUN / 2 && halfway) halfwayDone = halfway();
    };
    await Promise.all(
      Array.from({ length: CONCURRENT_SIGNUPS }, async () => {
        while (next < USERS_PER_RUN) await one(next++);
      }),
    );
    await halfwayDone;
    return signUps;
  }

  /** Waits for every sign-up's verification email and the drained backlog; records latencies and duplicates. */
  async function deliveredToAll(run: string, signUps: SignUp[]): Promise<number> {
    await eventually(
      () => signUps.every((signUp) => mailsTo(signUp.email, CONFIRMATION_SUBJECT).length > 0),
      120_000,
      100,
    );
    await backlogDrained();
    // Anything still in flight for these users would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const counts = signUps.map((signUp) => mailsTo(signUp.email, CONFIRMATION_SUBJECT));
    const delays = signUps
      .map((signUp, index) => Math.max(0, counts[index][0].receivedAt - signUp.at))
      .sort((a, b) => a - b);
    const duplicates = counts.reduce((sum, mails) => sum + mails.length - 1, 0);
    latencies[run] = {
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      max: delays[delays.length - 1],
      duplicates,
    };
    return duplicates;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined); // a failed command still rejects; no unhandled 'error' events
    await redis.flushdb();
    // The first API applies the migrations; the others start on the migrated schema.
    const first = new ServerProcess(await freePort(), env()).start();
    await first.ready();
    const second = new ServerProcess(await freePort(), env()).start();
    apis.push(first, second);
    await Promise.all([second.ready(), startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((server) => server.stop()));
    await redis?.flushdb().catch(() => undefined);
    redis?.disconnect();
    await sink?.stop();
    await db?.drop();
    if (Object.keys(latencies).length > 0) {
      process.stdout.write(
        `\nscale-out email latency (201 → SMTP sink), ms:\n${Object.entries(latencies)
          .map(
            ([run, l]) =>
              `  ${run.padEnd(22)} p50 ${l.p50}  p99 ${l.p99}  max ${l.max}  duplicates ${l.duplicates}  ${latenciesNote[run] ?? ''}`,
          )
          .join('\n')}\n`,
      );
    }
  });

  it('the APIs do no background work: only the workers claim outbox rows and consume jobs', async () => {
    const apiLog = apis.map((api) => api.log).join('');
    expect(apiLog).not.toMatch(/Outbox relay round failed|Queue worker error/);
    // Each API's answer to /health/ready is about the database and Redis; what matters is below:
    // nothing is delivered while both workers are stopped (SIGSTOP), and everything once they resume.
    for (const worker of workers) worker.signal('SIGSTOP');
    try {
      const response = await fetch(`${apis[0].url}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Paused Worker',
          username: 'paused_workers',
          email: 'paused_workers@example.org',
          password: PASSWORD,
          terms_and_conditions_checked: true,
        }),
      });
      expect(response.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(mailsTo('paused_workers@example.org', CONFIRMATION_SUBJECT)).toHaveLength(0);
      const [{ pending }] = await query<{ pending: string }>(
        db.url,
        `select count(*) as pending from outbox where processed_at is null`,
      );
      expect(Number(pending)).toBeGreaterThan(0);
    } finally {
      for (const worker of workers) worker.signal('SIGCONT');
    }
    await sink.waitFor('paused_workers@example.org', CONFIRMATION_SUBJECT, 15_000);
    await backlogDrained();
  });

  it('200 sign-ups over both APIs: exactly one verification email per user', async () => {
    const signUps = await signUpMany();
    const duplicates = await deliveredToAll('undisturbed', signUps);
    expect(duplicates).toBe(0);
    for (const signUp of signUps) expect(mailsTo(signUp.email, CONFIRMATION_SUBJECT)).toHaveLength(1);
  });

  it('a worker killed with SIGKILL halfway: every email still arrives', async () => {
    const signUps = await signUpMany(async () => {
      liveWorkers()[0].signal('SIGKILL');
      await liveWorkers()[0]?.exited();
    });
    await deliveredToAll('one worker SIGKILLed', signUps);
    for (const signUp of signUps) expect(mailsTo(signUp.email, CONFIRMATION_SUBJECT).length).toBeGreaterThanOrEqual(1);
    // Back to two workers for what follows.
    await startWorker();
    expect(liveWorkers()).toHaveLength(2);
  });

  it('Redis flushed halfway, with jobs in it: every email still arrives (rebuilt from the outbox)', async () => {
    // So that the flush loses jobs: the sink refuses for a moment, and the failed attempts wait
    // in Redis for their retry; then Redis is flushed and the sink takes mail again.
    const emailQueue = new Queue('email', { connection: { url: REDIS_URL }, prefix });
    emailQueue.on('error', () => undefined);
    let lostJobs = 0;
    const signUps = await signUpMany(async () => {
      sink.refuseWith = '4.3.0 Try again later';
      await eventually(async () => {
        const counts = await emailQueue.getJobCounts('delayed', 'waiting', 'active');
        lostJobs = counts.delayed + counts.waiting + counts.active;
        return lostJobs >= 10;
      }, 30_000);
      await redis.flushdb();
      sink.refuseWith = undefined;
    });
    await emailQueue.close();
    expect(lostJobs).toBeGreaterThanOrEqual(10);
    latenciesNote['Redis flushed'] = `${lostJobs} jobs in Redis when flushed`;
    await deliveredToAll('Redis flushed', signUps);
    for (const signUp of signUps) expect(mailsTo(signUp.email, CONFIRMATION_SUBJECT).length).toBeGreaterThanOrEqual(1);
  });

  it('the completion job fires on both workers at once: each relation completed once, each email sent once', async () => {
    // Twenty members of the first run: confirmed, logged in, paired into accepted relations.
    const members = await Promise.all(
      Array.from({ length: RELATIONS * 2 }, async (_, index) => {
        const username = `scale1u${index}`;
        const email = `${username}@example.org`;
        const api = apis[index % 2];
        const confirmed = await fetch(`${api.url}${confirmationPath(mailsTo(email, CONFIRMATION_SUBJECT)[0])}`);
        expect(confirmed.status).toBe(200);
        const login = await fetch(`${api.url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        expect(login.status).toBe(200);
        const token = ((await login.json()) as { access_token: string }).access_token;
        const me = (await (
          await fetch(`${api.url}/user`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          id: number;
        };
        return { id: me.id, email, token };
      }),
    );
    const relationIds: number[] = [];
    for (let pair = 0; pair < RELATIONS; pair += 1) {
      const mentee = members[pair * 2];
      const mentor = members[pair * 2 + 1];
      const sent = await fetch(`${apis[0].url}/mentorship_relation/send_request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${mentee.token}` },
        body: JSON.stringify({
          mentor_id: mentor.id,
          mentee_id: mentee.id,
          end_date: Date.now() / 1000 + 8 * 7 * 86_400,
          notes: 'scale-out',
        }),
      });
      expect(sent.status).toBe(201);
      const [{ id }] = await query<{ id: number }>(
        db.url,
        'select id from mentorship_relations where mentor_id = $1 and mentee_id = $2',
        [mentor.id, mentee.id],
      );
      const accepted = await fetch(`${apis[1].url}/mentorship_relation/${id}/accept`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${mentor.token}` },
      });
      expect(accepted.status).toBe(200);
      relationIds.push(id);
    }
    await backlogDrained();

    // One statement: every relation is past its end date from the same instant on.
    await query(
      db.url,
      'update mentorship_relations set end_date = extract(epoch from now()) - 86400 where id = any($1)',
      [relationIds],
    );
    await eventually(async () => {
      const rows = await query<{ state: number }>(db.url, 'select state from mentorship_relations where id = any($1)', [
        relationIds,
      ]);
      return rows.every((row) => row.state === 5);
    }, 30_000);
    await backlogDrained();
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const events = await query<{ relation_id: string; n: string }>(
      db.url,
      `select payload->>'relationId' as relation_id, count(*) as n from outbox
        where event_type = 'mentorship.relation_completed' group by 1`,
    );
    expect(events.map((row) => [Number(row.relation_id), Number(row.n)]).sort((a, b) => a[0] - b[0])).toEqual(
      [...relationIds].sort((a, b) => a - b).map((id) => [id, 1]),
    );
    for (const member of members) expect(mailsTo(member.email, COMPLETION_SUBJECT)).toHaveLength(1);
    const runs = await query<{ outcome: string }>(
      db.url,
      `select outcome from scheduled_job_runs where job = 'mentorship.complete_due_relations' and outcome <> '0'`,
    );
    expect(runs).toEqual([{ outcome: String(RELATIONS) }]);
  });
});
