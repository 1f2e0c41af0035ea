/**
 * The relation emails (reference §6 for request and accepted; beyond it for rejected, cancelled
 * and withdrawn): who receives which email, and what it says.
 */
import type { ReceivedMail } from '../support/smtp-sink';
import {
  act,
  countMails,
  createMember,
  createMembers,
  createRequest,
  deleteRelation,
  type Env,
  expectMessage,
  type Member,
  MSG,
  relationRow,
  sleep,
  startEnv,
  SUBJECT,
  WEEK,
  nowSeconds,
} from './support';

/** dd-mm-YYYY of epoch seconds, in UTC. */
function ddmmyyyy(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

/** Every email sent to `user`, as subjects. */
const subjectsTo = (env: Env, user: Member) =>
  env.sink.messages.filter((mail) => mail.to.includes(user.email)).map((mail) => mail.subject);

/** Lets the outbox relay deliver whatever else it would, before counting. */
const settle = () => sleep(1_500);

describe('relation emails', () => {
  let env: Env;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the admin
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  describe('send_request: the recipient gets "You have got new relation request"', () => {
    it('a mentee asks a mentor: the mentor is told the sender would like to be the mentee, with the note', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const notes = 'Could you help me with distributed systems? (note 7Q)';
      await createRequest(env, mentee, mentor, mentee, { notes });
      const mail: ReceivedMail = await env.sink.waitFor(mentor.email, SUBJECT.request);
      expect(mail.text).toContain(notes);
      expect(mail.text).toContain('would like to be your mentee');
      expect(mail.text).toContain(mentee.name);
      await settle();
      expect(countMails(env.sink, mentor.email, SUBJECT.request)).toBe(1);
      expect(subjectsTo(env, mentee)).not.toContain(SUBJECT.request);
    });

    it('a mentor offers to a mentee: the mentee is told the sender would like to be the mentor, with the note', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const notes = 'Happy to mentor you on compilers (note 9Z)';
      await createRequest(env, mentor, mentor, mentee, { notes });
      const mail = await env.sink.waitFor(mentee.email, SUBJECT.request);
      expect(mail.text).toContain(notes);
      expect(mail.text).toContain('would like to be your mentor');
      expect(mail.text).not.toContain('would like to be your mentee');
    });
  });

  describe('accept: the original sender gets "Mentorship relation accepted!"', () => {
    let mentor: Member;
    let mentee: Member;
    let endDate: number;

    beforeAll(async () => {
      [mentor, mentee] = await createMembers(env, 2);
      // 10 weeks and a bit, so the date is not "today + a round number" by accident.
      const id = await createRequest(env, mentee, mentor, mentee, { end_date: nowSeconds() + 10 * WEEK + 3 * 86_400 });
      endDate = (await relationRow(env.db, id))!.end_date;
      await act(env, mentor, id, 'accept');
    }, 60_000);

    it('the sender (the mentee) receives it, saying "until dd-mm-YYYY" of the end date (UTC)', async () => {
      const mail = await env.sink.waitFor(mentee.email, SUBJECT.accepted);
      expect(mail.text).toContain(`until ${ddmmyyyy(endDate)}`);
      expect(mail.text).toContain(mentor.name);
    });

    it('the accepter (the mentor) receives none', async () => {
      await env.sink.waitFor(mentee.email, SUBJECT.accepted);
      await settle();
      expect(countMails(env.sink, mentor.email, SUBJECT.accepted)).toBe(0);
      expect(countMails(env.sink, mentee.email, SUBJECT.accepted)).toBe(1);
    });
  });

  describe('reject: the sender gets "Your relation request was rejected"', () => {
    it('the sender receives it once, the rejecter none', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentor, mentor, mentee);
      await act(env, mentee, id, 'reject');
      await env.sink.waitFor(mentor.email, SUBJECT.rejected);
      await settle();
      expect({
        sender: countMails(env.sink, mentor.email, SUBJECT.rejected),
        rejecter: countMails(env.sink, mentee.email, SUBJECT.rejected),
      }).toEqual({ sender: 1, rejecter: 0 });
    });
  });

  describe('cancel: the other party gets "Your mentorship relation was cancelled"', () => {
    it('cancelled by the mentee: the mentor receives it once, the canceller none', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentor, mentor, mentee);
      await act(env, mentee, id, 'accept');
      await act(env, mentee, id, 'cancel');
      const mail = await env.sink.waitFor(mentor.email, SUBJECT.cancelled);
      expect(mail.text).toContain(mentee.name);
      await settle();
      expect({
        mentor: countMails(env.sink, mentor.email, SUBJECT.cancelled),
        canceller: countMails(env.sink, mentee.email, SUBJECT.cancelled),
      }).toEqual({ mentor: 1, canceller: 0 });
    });

    it('cancelled by the mentor: the mentee receives it, the canceller none', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await act(env, mentor, id, 'accept');
      await act(env, mentor, id, 'cancel');
      await env.sink.waitFor(mentee.email, SUBJECT.cancelled);
      await settle();
      expect({
        mentee: countMails(env.sink, mentee.email, SUBJECT.cancelled),
        canceller: countMails(env.sink, mentor.email, SUBJECT.cancelled),
      }).toEqual({ mentee: 1, canceller: 0 });
    });
  });

  describe('DELETE of a pending request by its sender: the recipient gets "A relation request was withdrawn"', () => {
    it('the recipient receives it once, the sender none', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, MSG.deleted);
      const mail = await env.sink.waitFor(mentor.email, SUBJECT.withdrawn);
      expect(mail.text).toContain(mentee.name);
      await settle();
      expect({
        recipient: countMails(env.sink, mentor.email, SUBJECT.withdrawn),
        sender: countMails(env.sink, mentee.email, SUBJECT.withdrawn),
      }).toEqual({ recipient: 1, sender: 0 });
    });
  });
});
