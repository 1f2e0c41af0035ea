/**
 * The daily completion job (reference §5: ACCEPTED and end_date < now → COMPLETED), taking the
 * scheduled time as "now". Beyond the reference: both parties are freed and emailed once, and with
 * two replicas on one database each occurrence runs exactly once.
 */
import { CompleteDueRelationsJob } from '@app/mentorship';
import { startTestApp, type TestApp } from '../support/app';
import { APP_URL } from '../support/accounts';
import { query } from '../support/database';
import {
  act,
  activeMembers,
  countMails,
  createAccepted,
  createMember,
  createMembers,
  createRequest,
  type Env,
  getAs,
  type Member,
  MSG,
  sleep,
  startEnv,
  STATE,
  stateOf,
  statusAndBody,
  SUBJECT,
} from './support';

const HOUR = 3600;
const DAY = 86_400;

describe('the relation completion job', () => {
  let env: Env;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the admin, in no relation
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  const setEndDate = (id: number, endDate: number) =>
    query(env.db.url, 'update mentorship_relations set end_date = $1 where id = $2', [endDate, id]);

  const isActive = async (user: Member) => (await activeMembers(env.db)).some((row) => row.user_id === user.id);

  /** The occurrences are a few days ahead of now, so the relations' real end dates decide nothing. */
  const firstRun = new Date((Math.floor(Date.now() / 1000) + 10 * DAY) * 1000);
  const firstRunSeconds = firstRun.getTime() / 1000;

  describe('one process', () => {
    let mentor: Member;
    let mentee: Member;
    let laterMentor: Member;
    let laterMentee: Member;
    let due: number;
    let notDue: number;
    const others: Record<string, number> = {};
    let run: unknown;

    beforeAll(async () => {
      [mentor, mentee, laterMentor, laterMentee] = await createMembers(env, 4);
      const [p1, p2, r1, r2, c1, c2] = await createMembers(env, 6);
      due = await createAccepted(env, mentee, mentor, mentee);
      await setEndDate(due, firstRunSeconds - HOUR);
      notDue = await createAccepted(env, laterMentor, laterMentor, laterMentee);
      // After the occurrences of both describes (the second one is a day later).
      await setEndDate(notDue, firstRunSeconds + 5 * DAY);
      // Other states, all "ended" before the occurrence: the job must leave them as they are.
      others.pending = await createRequest(env, p1, p1, p2);
      others.rejected = await createRequest(env, r1, r1, r2);
      await act(env, r2, others.rejected, 'reject');
      others.cancelled = await createAccepted(env, c1, c1, c2);
      await act(env, c2, others.cancelled, 'cancel');
      for (const id of Object.values(others)) await setEndDate(id, firstRunSeconds - HOUR);
      run = await env.test.app.get(CompleteDueRelationsJob).runScheduled(firstRun);
    }, 60_000);

    it('runScheduled answers {ran: true, result: 1}', () => {
      expect(run).toEqual({ ran: true, result: 1 });
    });

    it('the due ACCEPTED relation is COMPLETED (5)', async () => {
      expect(await stateOf(env.db, due)).toBe(STATE.COMPLETED);
    });

    it('an ACCEPTED relation whose end date is after the occurrence stays ACCEPTED (2)', async () => {
      expect(await stateOf(env.db, notDue)).toBe(STATE.ACCEPTED);
      expect(await isActive(laterMentor)).toBe(true);
      expect(await isActive(laterMentee)).toBe(true);
    });

    it('PENDING, REJECTED and CANCELLED relations past their end date are untouched', async () => {
      expect({
        pending: await stateOf(env.db, others.pending),
        rejected: await stateOf(env.db, others.rejected),
        cancelled: await stateOf(env.db, others.cancelled),
      }).toEqual({ pending: STATE.PENDING, rejected: STATE.REJECTED, cancelled: STATE.CANCELLED });
    });

    it('both parties left active_mentorships', async () => {
      expect({ mentor: await isActive(mentor), mentee: await isActive(mentee) }).toEqual({
        mentor: false,
        mentee: false,
      });
    });

    it('GET /mentorship_relations/current answers the "not in a current relation" message to both', async () => {
      for (const user of [mentor, mentee]) {
        expect(statusAndBody(await getAs(env.test, user, '/mentorship_relations/current'))).toEqual({
          status: 200,
          body: { message: MSG.noCurrent },
        });
      }
    });

    it('GET /mentorship_relations?relation_state=completed lists the relation, state 5', async () => {
      const response = await getAs(env.test, mentee, '/mentorship_relations?relation_state=completed');
      expect(response.statusCode).toBe(200);
      expect((response.json() as Array<{ id: number; state: number }>).map(({ id, state }) => ({ id, state }))).toEqual(
        [{ id: due, state: STATE.COMPLETED }],
      );
    });

    it('each party receives ONE "your mentorship relation is complete" email', async () => {
      await env.sink.waitFor(mentor.email, SUBJECT.completed);
      await env.sink.waitFor(mentee.email, SUBJECT.completed);
      await sleep(2_000);
      expect({
        mentor: countMails(env.sink, mentor.email, SUBJECT.completed),
        mentee: countMails(env.sink, mentee.email, SUBJECT.completed),
        laterMentor: countMails(env.sink, laterMentor.email, SUBJECT.completed),
      }).toEqual({ mentor: 1, mentee: 1, laterMentor: 0 });
    });

    it('the same occurrence again does not run: {ran: false}', async () => {
      expect(await env.test.app.get(CompleteDueRelationsJob).runScheduled(firstRun)).toEqual({ ran: false });
    });

    it('the freed parties can start a new relation', async () => {
      const id = await createAccepted(env, mentor, mentor, mentee);
      expect(await stateOf(env.db, id)).toBe(STATE.ACCEPTED);
      // Leave nothing due for the next describe: end it by cancelling.
      await act(env, mentor, id, 'cancel');
    });
  });

  describe('two replicas on the same database run one occurrence once', () => {
    let replica: TestApp;
    let mentor: Member;
    let mentee: Member;
    let runs: unknown[];
    const secondRun = new Date(firstRun.getTime() + DAY * 1000);

    beforeAll(async () => {
      replica = await startTestApp({ databaseUrl: env.db.url, env: { SMTP_URL: env.sink.url, APP_URL } });
      [mentor, mentee] = await createMembers(env, 2);
      const id = await createAccepted(env, mentor, mentor, mentee);
      await setEndDate(id, secondRun.getTime() / 1000 - HOUR);
      runs = await Promise.all([
        env.test.app.get(CompleteDueRelationsJob).runScheduled(secondRun),
        replica.app.get(CompleteDueRelationsJob).runScheduled(secondRun),
      ]);
    }, 60_000);

    afterAll(async () => {
      await replica?.close();
    });

    it('exactly one of them answers {ran: true, result: 1}, the other {ran: false}', () => {
      expect([...runs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        { ran: false },
        { ran: true, result: 1 },
      ]);
    });

    it('exactly one completion email per party, a couple of seconds after they arrive', async () => {
      await env.sink.waitFor(mentor.email, SUBJECT.completed);
      await env.sink.waitFor(mentee.email, SUBJECT.completed);
      await sleep(2_500);
      expect({
        mentor: countMails(env.sink, mentor.email, SUBJECT.completed),
        mentee: countMails(env.sink, mentee.email, SUBJECT.completed),
      }).toEqual({ mentor: 1, mentee: 1 });
    });

    it('a later occurrence completes nothing more: {ran: true, result: 0}', async () => {
      const later = new Date(secondRun.getTime() + HOUR * 1000);
      expect(await replica.app.get(CompleteDueRelationsJob).runScheduled(later)).toEqual({ ran: true, result: 0 });
    });
  });
});
