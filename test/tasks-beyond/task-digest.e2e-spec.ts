/**
 * Beyond the reference (§4.3: "no notifications"): task activity (a task added, completed,
 * reopened, commented on) is mailed to the other party of the relation, but not one email per
 * action: a burst becomes one digest once it has been quiet for TASK_DIGEST_DELAY, and a recipient
 * gets at most one digest per relation per TASK_DIGEST_INTERVAL; what happens meanwhile is kept and
 * sent once the interval has passed. Two app instances on one database send each digest once.
 * The app runs with TASK_DIGEST_DELAY=1s and TASK_DIGEST_INTERVAL=10m.
 */
import { eventually, startTestApp, type TestApp } from '../support/app';
import { query } from '../support/database';
import type { ReceivedMail } from '../support/smtp-sink';
import { TaskDigestSender } from '@app/notifications';
import { mailsTo } from '../mentorship-beyond/support';
import {
  acceptedPair,
  achieve,
  addComment,
  addTask,
  DIGEST_SUBJECT,
  type Env,
  type Member,
  MSG,
  type Pair,
  sendJson,
  bare,
  sleep,
  startTasksEnv,
} from './support';

const DIGEST_ENV = { TASK_DIGEST_DELAY: '1s', TASK_DIGEST_INTERVAL: '10m' };

describe('task digest emails', () => {
  let env: Env & { appEnv: Record<string, string> };

  beforeAll(async () => {
    env = await startTasksEnv(DIGEST_ENV);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const digestsTo = (user: Member): ReceivedMail[] => mailsTo(env.sink, user.email, DIGEST_SUBJECT);
  /** The item lines of a digest ("- …"), in order. */
  const itemLines = (mail: ReceivedMail) =>
    mail.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('- '));

  async function pendingItems(relationId: number, recipient: Member): Promise<number | undefined> {
    const rows = await query<{ n: number }>(
      env.db.url,
      'select jsonb_array_length(items) as n from task_digests where recipient_id = $1 and relation_id = $2',
      [recipient.id, relationId],
    );
    return rows[0]?.n;
  }

  describe('a burst of activity by the mentor, within about a second', () => {
    let pair: Pair;
    let first: ReceivedMail;

    beforeAll(async () => {
      pair = await acceptedPair(env);
      const started = Date.now();
      await addTask(env, pair.mentor, pair.id, 'read the style guide');
      await addTask(env, pair.mentor, pair.id, 'set up the project');
      await addTask(env, pair.mentor, pair.id, 'open a first pull request');
      await achieve(env, pair.mentor, pair.id, 2);
      await addComment(env, pair.mentor, pair.id, 1, 'start with chapter two');
      const took = Date.now() - started;
      if (took > 900) throw new Error(`the burst took ${took} ms, too long for a 1 s digest delay`);
      first = await env.sink.waitFor(pair.mentee.email, DIGEST_SUBJECT, 15_000);
      await sleep(1_500);
    }, 60_000);

    it('the mentee receives exactly one digest', () => {
      expect(digestsTo(pair.mentee)).toHaveLength(1);
    });

    it('it lists all five items, naming the mentor, each on its own line', () => {
      const name = pair.mentor.name;
      expect(itemLines(first).sort()).toEqual(
        [
          `- ${name} added task 1 "read the style guide".`,
          `- ${name} added task 2 "set up the project".`,
          `- ${name} added task 3 "open a first pull request".`,
          `- ${name} completed task 2 "set up the project".`,
          `- ${name} commented on task 1 "read the style guide": "start with chapter two"`,
        ].sort(),
      );
      for (const part of ['added task 1', 'added task 2', 'added task 3', 'completed task', 'commented on task']) {
        expect(first.text).toContain(part);
      }
    });

    it('the mentor receives none: the activity was his own', () => {
      expect(digestsTo(pair.mentor)).toHaveLength(0);
    });

    it('about 4 s later there is still exactly one', async () => {
      await sleep(4_000);
      expect(digestsTo(pair.mentee)).toHaveLength(1);
      expect(digestsTo(pair.mentor)).toHaveLength(0);
    });

    describe('more activity right after, within the 10-minute interval', () => {
      beforeAll(async () => {
        await addTask(env, pair.mentor, pair.id, 'review a pull request');
        await addComment(env, pair.mentor, pair.id, 3, 'any small issue will do');
      });

      it('the two new items are kept for the mentee (task_digests.items holds 2)', async () => {
        await eventually(async () => (await pendingItems(pair.id, pair.mentee)) === 2, 10_000);
        expect(await pendingItems(pair.id, pair.mentee)).toBe(2);
      });

      it('no second digest within about 4 s: it waits for the interval', async () => {
        await sleep(4_000);
        expect(digestsTo(pair.mentee)).toHaveLength(1);
        expect(await pendingItems(pair.id, pair.mentee)).toBe(2);
      });

      it('once the interval has passed, exactly one more digest, listing only the new items', async () => {
        await query(
          env.db.url,
          `update task_digests set last_sent_at = now() - interval '11 minutes' where relation_id = $1 and recipient_id = $2`,
          [pair.id, pair.mentee.id],
        );
        await eventually(() => digestsTo(pair.mentee).length >= 2, 15_000);
        await sleep(1_500);
        const digests = digestsTo(pair.mentee);
        expect(digests).toHaveLength(2);
        const name = pair.mentor.name;
        expect(itemLines(digests[1]).sort()).toEqual(
          [
            `- ${name} added task 4 "review a pull request".`,
            `- ${name} commented on task 3 "open a first pull request": "any small issue will do"`,
          ].sort(),
        );
        expect(digests[1].text).not.toContain('added task 1');
        expect(digests[1].text).not.toContain('completed task');
        expect(digestsTo(pair.mentor)).toHaveLength(0);
      });

      it('the sent items are no longer pending', async () => {
        expect(await pendingItems(pair.id, pair.mentee)).toBe(0);
      });
    });
  });

  describe('activity by the mentee reaches the mentor likewise', () => {
    let pair: Pair;

    beforeAll(async () => {
      pair = await acceptedPair(env);
      await addTask(env, pair.mentee, pair.id, 'ask about the roadmap');
      await addTask(env, pair.mentee, pair.id, 'write a blog post');
      await achieve(env, pair.mentee, pair.id, 1);
      await addComment(env, pair.mentee, pair.id, 2, 'draft is ready');
      await env.sink.waitFor(pair.mentor.email, DIGEST_SUBJECT, 15_000);
      await sleep(2_500);
    }, 60_000);

    it('the mentor receives exactly one digest with the four items, naming the mentee', () => {
      const digests = digestsTo(pair.mentor);
      expect(digests).toHaveLength(1);
      const name = pair.mentee.name;
      expect(itemLines(digests[0]).sort()).toEqual(
        [
          `- ${name} added task 1 "ask about the roadmap".`,
          `- ${name} added task 2 "write a blog post".`,
          `- ${name} completed task 1 "ask about the roadmap".`,
          `- ${name} commented on task 2 "write a blog post": "draft is ready"`,
        ].sort(),
      );
    });

    it('the mentee receives none', () => {
      expect(digestsTo(pair.mentee)).toHaveLength(0);
    });

    it('a reopened task is reported too (after the interval)', async () => {
      const response = await bare(env.test, pair.mentee, 'PUT', `/mentorship_relation/${pair.id}/task/1/reopen`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: MSG.taskReopened });
      await eventually(async () => (await pendingItems(pair.id, pair.mentor)) === 1, 10_000);
      await query(
        env.db.url,
        `update task_digests set last_sent_at = now() - interval '11 minutes' where relation_id = $1 and recipient_id = $2`,
        [pair.id, pair.mentor.id],
      );
      await eventually(() => digestsTo(pair.mentor).length >= 2, 15_000);
      await sleep(1_000);
      const digests = digestsTo(pair.mentor);
      expect(digests).toHaveLength(2);
      expect(itemLines(digests[1])).toEqual([`- ${pair.mentee.name} reopened task 1 "ask about the roadmap".`]);
    });
  });

  describe('two app instances on the same database', () => {
    let replica: TestApp;
    let pair: Pair;

    beforeAll(async () => {
      replica = await startTestApp({ databaseUrl: env.db.url, env: env.appEnv });
      pair = await acceptedPair(env);
      const task = `/mentorship_relation/${pair.id}/task`;
      const expectStatus = async (response: Promise<{ statusCode: number; body: string }>, status: number) => {
        const answer = await response;
        if (answer.statusCode !== status) throw new Error(`answered ${answer.statusCode}: ${answer.body}`);
      };
      // The burst goes through both instances; both deliver events and send digests.
      await expectStatus(sendJson(env.test, pair.mentor, 'POST', task, { description: 'pair on a bug' }), 201);
      await expectStatus(sendJson(replica, pair.mentor, 'POST', task, { description: 'write its test' }), 201);
      await expectStatus(sendJson(replica, pair.mentee, 'POST', task, { description: 'read the issue' }), 201);
      await expectStatus(
        sendJson(env.test, pair.mentee, 'POST', `${task}/3/comment`, { comment: 'done reading' }),
        201,
      );
      await expectStatus(bare(replica, pair.mentor, 'PUT', `${task}/1/complete`), 200);
      await env.sink.waitFor(pair.mentee.email, DIGEST_SUBJECT, 15_000);
      await env.sink.waitFor(pair.mentor.email, DIGEST_SUBJECT, 15_000);
      await sleep(4_000);
    }, 90_000);

    afterAll(async () => {
      await replica?.close();
    });

    it('the mentee receives exactly one digest, with the three items of the mentor', () => {
      const digests = digestsTo(pair.mentee);
      expect(digests).toHaveLength(1);
      const name = pair.mentor.name;
      expect(itemLines(digests[0]).sort()).toEqual(
        [
          `- ${name} added task 1 "pair on a bug".`,
          `- ${name} added task 2 "write its test".`,
          `- ${name} completed task 1 "pair on a bug".`,
        ].sort(),
      );
    });

    it('the mentor receives exactly one digest, with the two items of the mentee', () => {
      const digests = digestsTo(pair.mentor);
      expect(digests).toHaveLength(1);
      const name = pair.mentee.name;
      expect(itemLines(digests[0]).sort()).toEqual(
        [
          `- ${name} added task 3 "read the issue".`,
          `- ${name} commented on task 3 "read the issue": "done reading"`,
        ].sort(),
      );
    });

    it('nothing is left pending for either of them', async () => {
      expect(await pendingItems(pair.id, pair.mentee)).toBe(0);
      expect(await pendingItems(pair.id, pair.mentor)).toBe(0);
    });

    describe('bursts in several relations at once, with both senders also run by hand in a tight loop', () => {
      const RELATIONS = 4;
      let pairs: Pair[];
      let sentByHand: number;

      beforeAll(async () => {
        pairs = [];
        for (let k = 0; k < RELATIONS; k += 1) pairs.push(await acceptedPair(env));
        await Promise.all(
          pairs.map(async (p, k) => {
            const app = k % 2 === 0 ? env.test : replica;
            const other = k % 2 === 0 ? replica : env.test;
            const task = `/mentorship_relation/${p.id}/task`;
            for (const [via, body] of [
              [app, { description: `first of ${k}` }],
              [other, { description: `second of ${k}` }],
            ] as const) {
              const response = await sendJson(via, p.mentor, 'POST', task, body);
              if (response.statusCode !== 201) throw new Error(`answered ${response.statusCode}: ${response.body}`);
            }
          }),
        );
        // Both instances' senders, called by hand side by side until the quiet period is long over
        // (their own timers keep running too).
        sentByHand = 0;
        const senders = [env.test.app.get(TaskDigestSender), replica.app.get(TaskDigestSender)];
        const until = Date.now() + 3_500;
        while (Date.now() < until) {
          const counts = await Promise.all(senders.map((sender) => sender.sendDue()));
          sentByHand += counts.reduce((a, b) => a + b, 0);
          await sleep(20);
        }
        await sleep(2_000);
      }, 90_000);

      it('each mentee receives exactly one digest listing both tasks of their relation', () => {
        const outcome = pairs.map((p, k) => ({
          relation: k,
          digests: digestsTo(p.mentee).map((mail) => itemLines(mail).sort()),
        }));
        expect(outcome).toEqual(
          pairs.map((p, k) => ({
            relation: k,
            digests: [
              [
                `- ${p.mentor.name} added task 1 "first of ${k}".`,
                `- ${p.mentor.name} added task 2 "second of ${k}".`,
              ].sort(),
            ],
          })),
        );
      });

      it('no mentor receives one', () => {
        expect(pairs.map((p) => digestsTo(p.mentor).length)).toEqual(pairs.map(() => 0));
      });

      it('the hand-run senders mailed at most one digest per relation between them', () => {
        expect(sentByHand).toBeLessThanOrEqual(RELATIONS);
      });
    });
  });
});
