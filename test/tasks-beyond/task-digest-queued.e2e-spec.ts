/**
 * The task digest with REDIS_URL set: the poll only claims the due digest and hands it to the
 * `email` queue; the job reads the digest from the database and mails it. Same outcome as in
 * process (task-digest.e2e-spec.ts): one digest per burst, listing every item; and a job lost in
 * Redis leaves the digest due, so it is handed over again once its claim (OUTBOX_REQUEUE_AFTER) ends.
 */
import { Queue } from 'bullmq';
import { query } from '../support/database';
import type { ReceivedMail } from '../support/smtp-sink';
import { mailsTo } from '../mentorship-beyond/support';
import {
  acceptedPair,
  addComment,
  addTask,
  DIGEST_SUBJECT,
  type Env,
  type Member,
  sleep,
  startTasksEnv,
} from './support';
import { eventually } from '../support/app';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('task digest emails through the queue', () => {
  let env: Env & { appEnv: Record<string, string> };

  beforeAll(async () => {
    env = await startTasksEnv({
      TASK_DIGEST_DELAY: '1s',
      TASK_DIGEST_INTERVAL: '10m',
      REDIS_URL,
      RUN_BACKGROUND_JOBS: 'true',
      OUTBOX_REQUEUE_AFTER: '3s',
    });
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const digestsTo = (user: Member): ReceivedMail[] => mailsTo(env.sink, user.email, DIGEST_SUBJECT);
  const itemLines = (mail: ReceivedMail) =>
    mail.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('- '));

  it('a burst becomes exactly one digest, listing every item', async () => {
    const pair = await acceptedPair(env);
    await addTask(env, pair.mentor, pair.id, 'read the style guide');
    await addTask(env, pair.mentor, pair.id, 'set up the project');
    await addComment(env, pair.mentor, pair.id, 1, 'start with chapter two');
    const digest = await env.sink.waitFor(pair.mentee.email, DIGEST_SUBJECT, 15_000);
    await sleep(2_000);
    expect(digestsTo(pair.mentee)).toHaveLength(1);
    expect(digestsTo(pair.mentor)).toHaveLength(0);
    const name = pair.mentor.name;
    expect(itemLines(digest).sort()).toEqual(
      [
        `- ${name} added task 1 "read the style guide".`,
        `- ${name} added task 2 "set up the project".`,
        `- ${name} commented on task 1 "read the style guide": "start with chapter two"`,
      ].sort(),
    );
  });

  it('a digest job lost in Redis is handed over again and mailed once', async () => {
    const pair = await acceptedPair(env);
    // While the sink refuses, the job fails and waits in Redis for its retry; then it is lost.
    env.sink.refuseWith = '4.3.0 Try again later';
    const refusedBefore = env.sink.refusedAt.length;
    await addTask(env, pair.mentor, pair.id, 'write the tests');
    await eventually(() => env.sink.refusedAt.length > refusedBefore, 15_000);
    const queue = new Queue('email', { connection: { url: REDIS_URL }, prefix: env.test.config.queuePrefix });
    try {
      const digestJobs = async () =>
        (await queue.getJobs(['delayed', 'waiting'])).filter((job) => job.name === 'task-digest');
      await eventually(async () => (await digestJobs()).length > 0, 10_000);
      for (const job of await digestJobs()) await job.remove();
      expect(await digestJobs()).toHaveLength(0);
    } finally {
      await queue.close();
    }
    env.sink.refuseWith = undefined;
    await env.sink.waitFor(pair.mentee.email, DIGEST_SUBJECT, 20_000);
    await sleep(1_500);
    expect(digestsTo(pair.mentee)).toHaveLength(1);
    const [row] = await query<{ n: number; locked: boolean }>(
      env.db.url,
      `select jsonb_array_length(items) as n, locked_until is not null as locked from task_digests
        where relation_id = $1 and recipient_id = $2`,
      [pair.id, pair.mentee.id],
    );
    expect(row).toEqual({ n: 0, locked: false });
  });
});
