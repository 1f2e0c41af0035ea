/**
 * Pending requests that do not rot (beyond the reference): the receiver is reminded once after
 * REQUEST_REMINDER_AFTER (3 days); a request still pending after REQUEST_EXPIRES_AFTER (14 days) or
 * at its end date is closed by the job (state REJECTED, `expired: true`) and its sender is told; a
 * member has at most MAX_OPEN_REQUESTS (5) requests sent and pending at once. The job takes its
 * occurrence as "now": the occurrences here are placed relative to the requests' real creation
 * dates (or a creation date moved with SQL), each occurrence once. The describes share one world
 * and run in order; each says which requests are pending when its occurrences run.
 */
import { PendingRequestsJob } from '@app/mentorship';
import type { TestApp } from '../support/app';
import {
  BACKENDS,
  call,
  countMails,
  createMember,
  createMembers,
  createRequest,
  DAY,
  HOUR,
  type Member,
  nowSeconds,
  relationRow,
  sleep,
  startWorld,
  STATE,
  statusAndBody,
  type World,
} from './support';

const SUBJECT = {
  reminder: 'Mentorship System - A relation request is waiting for your answer',
  expired: 'Mentorship System - Your relation request has expired',
};
const MSG = {
  notPending: 'This mentorship relation is not in the pending state.',
  alreadyPending: 'A pending mentorship request between these users already exists.',
  cap: (max: number) =>
    `You already have ${max} mentorship requests waiting for an answer. Wait for an answer or withdraw one before sending another.`,
};

/** How long to wait after an email is (or is not) due, so a duplicate would have arrived. */
const SETTLE_MS = 1_500;

const at = (seconds: number) => new Date(seconds * 1000);

function ddmmyyyy(seconds: number): string {
  const date = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

const runJob = (app: World | TestApp, seconds: number) =>
  ('test' in app ? app.test : app).app.get(PendingRequestsJob).runScheduled(at(seconds));

type Listed = { id: number; state: number; expired?: boolean };
type Groups = Record<'accepted' | 'rejected' | 'completed' | 'cancelled' | 'pending', Listed[]>;
type Dashboard = { as_mentor: { sent: Groups; received: Groups }; as_mentee: { sent: Groups; received: Groups } };

async function listed(world: World, user: Member, url: string): Promise<Listed[]> {
  const response = await call(world, user, 'GET', url);
  expect(response.statusCode).toBe(200);
  return response.json() as Listed[];
}

async function dashboard(world: World, user: Member): Promise<Dashboard> {
  const response = await call(world, user, 'GET', '/dashboard');
  expect(response.statusCode).toBe(200);
  return response.json() as Dashboard;
}

const allPendingIds = (view: Dashboard) =>
  [view.as_mentor.sent, view.as_mentor.received, view.as_mentee.sent, view.as_mentee.received].flatMap((groups) =>
    groups.pending.map((relation) => relation.id),
  );

const send = (world: World, sender: Member, mentor: { id: number }, mentee: { id: number }) =>
  call(world, sender, 'POST', '/mentorship_relation/send_request', {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    end_date: nowSeconds() + 8 * 7 * DAY,
    notes: 'Please mentor me',
  });

const openSent = async (world: World, user: Member) =>
  Number(
    (
      await world.sql<{ n: number }>(
        `select count(*) as "n" from "mentorship_relations" where "action_user_id" = ? and "state" = 1`,
        [user.id],
      )
    )[0].n,
  );

describe.each(BACKENDS)('pending requests that do not rot, on %s', (backend) => {
  let world: World;
  // The main request: sender (a mentee) → receiver (a mentor); reminded, then expired.
  let sender: Member;
  let receiver: Member;
  let main: number;
  let created: number;
  // Answered or withdrawn requests, never reminded.
  let accSender: Member;
  let accReceiver: Member;
  let rejSender: Member;
  let rejReceiver: Member;
  let wdSender: Member;
  let wdReceiver: Member;

  beforeAll(async () => {
    world = await startWorld(backend);
    [sender, receiver, accSender, accReceiver] = await createMembers(world, 4);
    [rejSender, rejReceiver, wdSender, wdReceiver] = await createMembers(world, 4);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('the reminder (REQUEST_REMINDER_AFTER, 3 days): once and only once', () => {
    let accepted: number;
    let rejected: number;

    beforeAll(async () => {
      main = await createRequest(world, sender, receiver, sender);
      created = Number(
        (
          await world.sql<{ c: number }>(`select "creation_date" as "c" from "mentorship_relations" where "id" = ?`, [
            main,
          ])
        )[0].c,
      );
      accepted = await createRequest(world, accSender, accReceiver, accSender);
      expect((await call(world, accReceiver, 'PUT', `/mentorship_relation/${accepted}/accept`)).statusCode).toBe(200);
      rejected = await createRequest(world, rejSender, rejReceiver, rejSender);
      expect((await call(world, rejReceiver, 'PUT', `/mentorship_relation/${rejected}/reject`)).statusCode).toBe(200);
      const withdrawn = await createRequest(world, wdSender, wdReceiver, wdSender);
      expect((await call(world, wdSender, 'DELETE', `/mentorship_relation/${withdrawn}`)).statusCode).toBe(200);
    }, 60_000);

    it('an hour before REQUEST_REMINDER_AFTER: nothing is reminded and no email goes out', async () => {
      expect(await runJob(world, created + 3 * DAY - HOUR)).toEqual({ ran: true, result: { expired: 0, reminded: 0 } });
      await sleep(SETTLE_MS);
      expect(countMails(world.sink, receiver.email, SUBJECT.reminder)).toBe(0);
      expect((await relationRow(world, main)).reminded_at).toBeNull();
    });

    it('an hour after: {expired: 0, reminded: 1}, reminded_at is the occurrence', async () => {
      expect(await runJob(world, created + 3 * DAY + HOUR)).toEqual({ ran: true, result: { expired: 0, reminded: 1 } });
      const row = await relationRow(world, main);
      expect({ state: row.state, reminded_at: Number(row.reminded_at), expired_at: row.expired_at }).toEqual({
        state: STATE.PENDING,
        reminded_at: created + 3 * DAY + HOUR,
        expired_at: null,
      });
    });

    it('the receiver gets the reminder, naming the sender and the date the request closes on its own', async () => {
      const mail = await world.sink.waitFor(receiver.email, SUBJECT.reminder);
      expect(mail.text).toContain(`Hi ${receiver.name},`);
      expect(mail.text).toContain(
        `${sender.name} sent you a mentorship relation request that is still waiting for your answer.`,
      );
      expect(mail.text).toContain(
        `If it is not answered, the request closes on its own on ${ddmmyyyy(created + 14 * DAY)}.`,
      );
    });

    it('the same occurrence again does not run: {ran: false}', async () => {
      expect(await runJob(world, created + 3 * DAY + HOUR)).toEqual({ ran: false });
    });

    it('a later occurrence reminds nothing more; exactly one reminder, to the receiver only', async () => {
      expect(await runJob(world, created + 3 * DAY + 2 * HOUR)).toEqual({
        ran: true,
        result: { expired: 0, reminded: 0 },
      });
      await sleep(SETTLE_MS);
      expect({
        receiver: countMails(world.sink, receiver.email, SUBJECT.reminder),
        sender: countMails(world.sink, sender.email, SUBJECT.reminder),
      }).toEqual({ receiver: 1, sender: 0 });
    });

    it('an accepted, a rejected or a withdrawn request is never reminded', async () => {
      const members = [accSender, accReceiver, rejSender, rejReceiver, wdSender, wdReceiver];
      expect(members.map((member) => countMails(world.sink, member.email, SUBJECT.reminder))).toEqual([
        0, 0, 0, 0, 0, 0,
      ]);
      expect((await relationRow(world, accepted)).reminded_at).toBeNull();
      expect((await relationRow(world, rejected)).reminded_at).toBeNull();
    });
  });

  describe('expiry (REQUEST_EXPIRES_AFTER, 14 days, or the end date if sooner)', () => {
    // A request whose end date comes 5 days after it was sent; and a young one.
    let shortLived: number;
    let young: number;
    let youngCreated: number;
    const expiry = () => created + 14 * DAY + HOUR;

    beforeAll(async () => {
      shortLived = await createRequest(world, rejSender, rejReceiver, rejSender);
      await world.sql(`update "mentorship_relations" set "end_date" = ? where "id" = ?`, [
        created + 5 * DAY,
        shortLived,
      ]);
      // Sent a day before the expiry occurrence, so it is young then.
      young = await createRequest(world, wdSender, wdReceiver, wdSender);
      youngCreated = expiry() - DAY;
      await world.sql(`update "mentorship_relations" set "creation_date" = ? where "id" = ?`, [youngCreated, young]);
    }, 60_000);

    it('a request whose end date passed before 14 days expires at the next occurrence: {expired: 1}', async () => {
      expect(await runJob(world, created + 5 * DAY + HOUR)).toEqual({ ran: true, result: { expired: 1, reminded: 0 } });
      const row = await relationRow(world, shortLived);
      expect({ state: row.state, expired_at: Number(row.expired_at) }).toEqual({
        state: STATE.REJECTED,
        expired_at: created + 5 * DAY + HOUR,
      });
      expect((await relationRow(world, main)).state).toBe(STATE.PENDING);
      await world.sink.waitFor(rejSender.email, SUBJECT.expired);
    });

    it('14 days and an hour after it was sent, the main request expires: {expired: 1, reminded: 0}', async () => {
      expect(await runJob(world, expiry())).toEqual({ ran: true, result: { expired: 1, reminded: 0 } });
      const row = await relationRow(world, main);
      expect({ state: row.state, expired_at: Number(row.expired_at) }).toEqual({
        state: STATE.REJECTED,
        expired_at: expiry(),
      });
    });

    it('GET /mentorship_relations shows it to both parties as state 3 with expired: true', async () => {
      for (const user of [sender, receiver]) {
        const relation = (await listed(world, user, '/mentorship_relations')).find(({ id }) => id === main);
        expect(relation).toMatchObject({ id: main, state: STATE.REJECTED, expired: true });
      }
    });

    it('the dashboards show it in the rejected groups with expired: true, in no pending group', async () => {
      const senderView = await dashboard(world, sender);
      expect(senderView.as_mentee.sent.rejected).toEqual([expect.objectContaining({ id: main, expired: true })]);
      expect(allPendingIds(senderView)).not.toContain(main);
      const receiverView = await dashboard(world, receiver);
      expect(receiverView.as_mentor.received.rejected).toEqual([expect.objectContaining({ id: main, expired: true })]);
      expect(allPendingIds(receiverView)).not.toContain(main);
    });

    it('it is gone from /mentorship_relations/pending and ?relation_state=pending', async () => {
      for (const user of [sender, receiver]) {
        expect((await listed(world, user, '/mentorship_relations/pending')).map(({ id }) => id)).toEqual([]);
        expect((await listed(world, user, '/mentorship_relations?relation_state=pending')).map(({ id }) => id)).toEqual(
          [],
        );
      }
    });

    it('exactly one expiry email, to the sender, naming the receiver; the receiver only had the reminder', async () => {
      const mail = await world.sink.waitFor(sender.email, SUBJECT.expired);
      expect(mail.text).toContain(`Hi ${sender.name},`);
      expect(mail.text).toContain(
        `${receiver.name} did not answer your mentorship relation request in time, so it has expired.`,
      );
      expect(mail.text).toContain('You may send them a new request, or find another member');
      await sleep(SETTLE_MS);
      expect({
        senderExpired: countMails(world.sink, sender.email, SUBJECT.expired),
        receiverExpired: countMails(world.sink, receiver.email, SUBJECT.expired),
        receiverReminders: countMails(world.sink, receiver.email, SUBJECT.reminder),
        shortLivedSender: countMails(world.sink, rejSender.email, SUBJECT.expired),
        shortLivedReceiver: countMails(world.sink, rejReceiver.email, SUBJECT.expired),
      }).toEqual({
        senderExpired: 1,
        receiverExpired: 0,
        receiverReminders: 1,
        shortLivedSender: 1,
        shortLivedReceiver: 0,
      });
    });

    it('accepting it afterwards is 403 "not in a pending state"', async () => {
      expect(statusAndBody(await call(world, receiver, 'PUT', `/mentorship_relation/${main}/accept`))).toEqual({
        status: 403,
        body: { message: MSG.notPending },
      });
    });

    it('a young request is untouched: still pending, listed, with no expired key', async () => {
      const row = await relationRow(world, young);
      expect({ state: row.state, expired_at: row.expired_at, reminded_at: row.reminded_at }).toEqual({
        state: STATE.PENDING,
        expired_at: null,
        reminded_at: null,
      });
      const [relation] = await listed(world, wdReceiver, '/mentorship_relations/pending');
      expect(relation.id).toBe(young);
      expect(Object.keys(relation)).not.toContain('expired');
      expect(countMails(world.sink, wdSender.email, SUBJECT.expired)).toBe(0);
    });
  });

  // Pending now: the young request (sent, by its moved date, a day before the last occurrence).
  (backend === 'postgresql' ? describe : describe.skip)('two processes run one occurrence once', () => {
    let replica: TestApp;
    let mentor: Member;
    let mentee: Member;
    let request: number;
    let runs: unknown[];

    beforeAll(async () => {
      replica = await world.startReplica();
      [mentor, mentee] = await createMembers(world, 2);
      request = await createRequest(world, mentee, mentor, mentee);
      const [row] = await world.sql<{ c: number }>(
        `select "creation_date" as "c" from "mentorship_relations" where "id" = ?`,
        [request],
      );
      const occurrence = Number(row.c) + 14 * DAY + HOUR;
      runs = await Promise.all([runJob(world, occurrence), runJob(replica, occurrence)]);
    }, 120_000);

    it('exactly one answers {ran: true, result: {expired: 1, reminded: 0}}, the other {ran: false}', () => {
      expect([...runs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        { ran: false },
        { ran: true, result: { expired: 1, reminded: 0 } },
      ]);
    });

    it('the request is expired, and its sender gets exactly one expiry email', async () => {
      expect((await relationRow(world, request)).state).toBe(STATE.REJECTED);
      await world.sink.waitFor(mentee.email, SUBJECT.expired);
      await sleep(SETTLE_MS);
      expect({
        mentee: countMails(world.sink, mentee.email, SUBJECT.expired),
        mentor: countMails(world.sink, mentor.email, SUBJECT.expired),
      }).toEqual({ mentee: 1, mentor: 0 });
    });
  });

  describe('the cap: at most MAX_OPEN_REQUESTS (5) sent and pending at once', () => {
    let member: Member;
    // Mentors free of any accepted relation (from the describes above).
    let mentors: Member[];
    let sent: number[];

    beforeAll(async () => {
      member = await createMember(world);
      mentors = [sender, receiver, rejSender, rejReceiver, wdSender, wdReceiver];
      // Requests RECEIVED by the member do not count.
      await createRequest(world, sender, member, sender);
      await createRequest(world, receiver, member, receiver);
    }, 60_000);

    it('five requests to five different mentors are 201', async () => {
      sent = [];
      for (const mentor of mentors.slice(0, 5)) {
        expect(statusAndBody(await send(world, member, mentor, member))).toEqual({
          status: 201,
          body: { message: 'Mentorship relation was sent successfully.' },
        });
        const [row] = await world.sql<{ id: number }>(
          `select "id" from "mentorship_relations" where "action_user_id" = ? and "mentor_id" = ? and "state" = 1`,
          [member.id, mentor.id],
        );
        sent.push(row.id);
      }
      expect(await openSent(world, member)).toBe(5);
    });

    it('the sixth is 409 naming 5, and is not stored', async () => {
      expect(statusAndBody(await send(world, member, mentors[5], member))).toEqual({
        status: 409,
        body: { message: MSG.cap(5) },
      });
      expect(await openSent(world, member)).toBe(5);
    });

    it('the checks before keep their precedence: a duplicate is still the duplicate 409, a missing mentor 404', async () => {
      expect(statusAndBody(await send(world, member, mentors[0], member))).toEqual({
        status: 409,
        body: { message: MSG.alreadyPending },
      });
      expect(statusAndBody(await send(world, member, { id: 999_999 }, member))).toEqual({
        status: 404,
        body: { message: 'Mentor user does not exist.' },
      });
    });

    it('withdrawing one (DELETE) lets the next one through, then the cap holds again', async () => {
      expect(statusAndBody(await call(world, member, 'DELETE', `/mentorship_relation/${sent[0]}`))).toEqual({
        status: 200,
        body: { message: 'Mentorship relation was deleted successfully.' },
      });
      expect((await send(world, member, mentors[5], member)).statusCode).toBe(201);
      expect(statusAndBody(await send(world, member, mentors[0], member))).toEqual({
        status: 409,
        body: { message: MSG.cap(5) },
      });
    });

    it('an expired one does not count', async () => {
      // Sent 15 days before the occurrence: the job closes it (and nothing else is due then).
      const occurrence = Math.ceil(nowSeconds()) + 60;
      await world.sql(`update "mentorship_relations" set "creation_date" = ? where "id" = ?`, [
        occurrence - 15 * DAY,
        sent[1],
      ]);
      expect(await runJob(world, occurrence)).toEqual({ ran: true, result: { expired: 1, reminded: 0 } });
      expect((await relationRow(world, sent[1])).state).toBe(STATE.REJECTED);
      expect((await send(world, member, mentors[0], member)).statusCode).toBe(201);
      expect(await openSent(world, member)).toBe(5);
    });

    (backend === 'postgresql' ? it : it.skip)(
      '8 concurrent sends by one member to 8 different mentors: exactly 5 are 201 and 3 are 409',
      async () => {
        const racer = await createMember(world);
        const targets = [...mentors, member, ...(await createMembers(world, 1))];
        expect(targets).toHaveLength(8);
        const responses = await Promise.all(targets.map((mentor) => send(world, racer, mentor, racer)));
        const statuses = responses.map((response) => response.statusCode).sort();
        expect(statuses).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
        for (const response of responses.filter((r) => r.statusCode === 409)) {
          expect(response.json()).toEqual({ message: MSG.cap(5) });
        }
        expect(await openSent(world, racer)).toBe(5);
      },
      60_000,
    );
  });
});

describe.each(BACKENDS)('the cap with MAX_OPEN_REQUESTS=2, on %s', (backend) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(backend, { MAX_OPEN_REQUESTS: '2' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it('two requests are 201, the third is 409 naming 2', async () => {
    const [member, ...mentors] = await createMembers(world, 4);
    expect((await send(world, member, mentors[0], member)).statusCode).toBe(201);
    expect((await send(world, member, mentors[1], member)).statusCode).toBe(201);
    expect(statusAndBody(await send(world, member, mentors[2], member))).toEqual({
      status: 409,
      body: { message: MSG.cap(2) },
    });
  }, 60_000);
});
