/**
 * PUT /mentorship_relation/{request_id}/accept (reference §2.3 #20, §4.1, §6; tests/mentorship_relation/
 * test_api_accept_request.py, test_dao_accept_request.py), plus the contract beyond the reference:
 * accept_date/start_date set on accept, and an expired request refused with 403.
 */
import { itRejectsMissingExpiredAndInvalidTokens, NOT_FOUND_URL } from '../support/accounts';
import {
  ACCEPTED_SUBJECT,
  act,
  createAccepted,
  createCancelled,
  createCompleted,
  createRejected,
  createRequest,
  ddmmyyyy,
  deletedUserToken,
  expectMessage,
  expireRelation,
  getAs,
  listAs,
  mailCount,
  MemberPool,
  MSG,
  putRelation,
  relationRow,
  startMentorshipEnv,
  STATE,
  stateOf,
  validEndDate,
  type Member,
  type MentorshipEnv,
} from './support';

describe('PUT /mentorship_relation/{request_id}/accept', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    pool = await MemberPool.create(env, 80);
  });

  afterAll(async () => {
    await env?.close();
  });

  const accept = (user: Member, id: number | string) => putRelation(env.test, user, id, 'accept');

  /** Asserts the exact error and that the relation kept its state. */
  async function expectRefused(user: Member, id: number, status: number, message: string) {
    const before = await relationRow(env.db, id);
    expectMessage(await accept(user, id), status, message);
    expect(await relationRow(env.db, id)).toEqual(before);
  }

  describe('success', () => {
    it("the mentor accepts the mentee's request: 200, ACCEPTED, accept_date = start_date = now", async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
      const before = Date.now() / 1000;
      expectMessage(await accept(mentor, id), 200, MSG.accepted);
      const after = Date.now() / 1000;

      const [relation] = await listAs(env.test, mentor);
      expect(relation).toMatchObject({ id, state: STATE.ACCEPTED, sent_by_me: false });
      expect(relation.accept_date).toEqual(expect.any(Number));
      expect(relation.start_date).toBe(relation.accept_date);
      expect(relation.accept_date as number).toBeGreaterThanOrEqual(before - 1);
      expect(relation.accept_date as number).toBeLessThanOrEqual(after + 1);
      expect(await listAs(env.test, mentee)).toEqual([{ ...relation, sent_by_me: true }]);
    });

    it("the mentee accepts the mentor's request: 200", async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      expectMessage(await accept(mentee, id), 200, MSG.accepted);
      expect(await stateOf(env.db, id)).toBe(STATE.ACCEPTED);
      const current = await getAs(env.test, mentor, '/mentorship_relations/current');
      expect(current.json()).toMatchObject({ id, state: STATE.ACCEPTED, sent_by_me: true });
    });

    it('the original sender gets "Mentorship relation accepted!" naming the receiver, role and end date', async () => {
      const [mentor, mentee] = await pool.take(2);
      const endDate = validEndDate(7);
      const id = await createRequest(env, mentee, mentor, mentee, { end_date: endDate });
      expectMessage(await accept(mentor, id), 200, MSG.accepted);
      const mail = await env.sink.waitFor(mentee.email, ACCEPTED_SUBJECT);
      expect(mail.text).toContain(mentee.name);
      expect(mail.text).toContain(mentor.name);
      expect(mail.text).toContain('to be your mentor');
      expect(mail.text).toContain(ddmmyyyy(endDate));
      expect(mailCount(env.sink, mentor.email, ACCEPTED_SUBJECT)).toBe(0);

      const [mentor2, mentee2] = await pool.take(2);
      const id2 = await createRequest(env, mentor2, mentor2, mentee2);
      expectMessage(await accept(mentee2, id2), 200, MSG.accepted);
      const second = await env.sink.waitFor(mentor2.email, ACCEPTED_SUBJECT);
      expect(second.text).toContain('to be your mentee');
      expect(second.text).toContain(mentee2.name);
    });

    it('other pending requests of both users are left as they were', async () => {
      const [mentor, mentee, a, b] = await pool.take(4);
      const other1 = await createRequest(env, mentee, a, mentee);
      const other2 = await createRequest(env, b, mentor, b);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await accept(mentor, id), 200, MSG.accepted);
      expect(await stateOf(env.db, other1)).toBe(STATE.PENDING);
      expect(await stateOf(env.db, other2)).toBe(STATE.PENDING);
    });
  });

  describe('the request must exist', () => {
    // Werkzeug's int converter takes any number of digits, so even a 20-digit id reaches the handler.
    it.each([987_654, 0, 2147483648, 999999999999999, '99999999999999999999'])('id %s: 404', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await accept(me, id), 404, MSG.requestMissing);
    });

    it('a deleted request: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await env.test.app.inject({
        method: 'DELETE',
        url: `/mentorship_relation/${id}`,
        headers: { authorization: `Bearer ${mentee.accessToken}` },
      });
      expectMessage(await accept(mentor, id), 404, MSG.requestMissing);
    });

    it.each(['abc', '-1', '1.5', '1e3', '+1', '%20', 'null'])('a non-integer id %j: 404 routing text', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await accept(me, id), 404, NOT_FOUND_URL);
    });
  });

  describe('the request must be PENDING', () => {
    it('an accepted relation: 403, even for the receiver accepting twice', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createAccepted(env, mentee, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.notPending);
    });

    it.each([
      ['rejected', createRejected],
      ['cancelled', createCancelled],
      ['completed', createCompleted],
    ] as const)('a %s relation: 403', async (_what, create) => {
      const [mentor, mentee] = await pool.take(2);
      const id = await create(env, mentee, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.notPending);
    });

    it('checked before the sender and before involvement', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRejected(env, mentee, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.notPending);
      await expectRefused(stranger, id, 403, MSG.notPending);
    });
  });

  describe('who may accept', () => {
    it('the sender: 403 (reference test_accept_not_valid_user)', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.cantAcceptOwn);
    });

    it('the sender when that is the mentee: 403', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.cantAcceptOwn);
    });

    it('a user not involved: 403 (reference test_accept_user_not_involved_in_relation)', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRequest(env, mentor, mentor, mentee);
      await expectRefused(stranger, id, 403, MSG.cantAcceptUninvolved);
    });
  });

  describe('one ACCEPTED relation per user', () => {
    it('the receiver already in a relation: 403 (reference …user_already_in_relation)', async () => {
      const [first, second, admin] = await pool.take(3);
      const relation1 = await createRequest(env, first, first, second);
      const relation2 = await createRequest(env, second, admin, second);
      expectMessage(await accept(admin, relation2), 200, MSG.accepted);
      await expectRefused(second, relation1, 403, MSG.callerInRelation);
      expect(await stateOf(env.db, relation1)).toBe(STATE.PENDING);
    });

    it('the receiver in a relation as mentor, accepting as mentee: 403', async () => {
      const [me, myMentee, otherMentor] = await pool.take(3);
      const id = await createRequest(env, otherMentor, otherMentor, me);
      await createAccepted(env, myMentee, me, myMentee);
      await expectRefused(me, id, 403, MSG.callerInRelation);
    });

    it('the caller is the mentor and the mentee is in a relation: 400 mentee', async () => {
      const [mentor, mentee, menteesMentor] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      await createAccepted(env, mentee, menteesMentor, mentee);
      await expectRefused(mentor, id, 400, MSG.menteeInRelation);
    });

    it('the caller is the mentee and the mentor is in a relation: 400 mentor', async () => {
      const [mentor, mentee, mentorsMentee] = await pool.take(3);
      const id = await createRequest(env, mentor, mentor, mentee);
      await createAccepted(env, mentor, mentor, mentorsMentee);
      await expectRefused(mentee, id, 400, MSG.mentorInRelation);
    });

    it('the counterpart in a relation under the other role still counts: 400', async () => {
      const [mentor, mentee, x] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      await createAccepted(env, x, mentee, x); // the mentee mentors x
      await expectRefused(mentor, id, 400, MSG.menteeInRelation);
    });

    it('both in relations: the caller comes first (403)', async () => {
      const [mentor, mentee, a, b] = await pool.take(4);
      const id = await createRequest(env, mentee, mentor, mentee);
      await createAccepted(env, a, mentor, a);
      await createAccepted(env, b, b, mentee);
      await expectRefused(mentor, id, 403, MSG.callerInRelation);
    });

    it('once the blocking relation is cancelled, the request can be accepted', async () => {
      const [mentor, mentee, x] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      const blocking = await createAccepted(env, mentee, x, mentee);
      await expectRefused(mentor, id, 400, MSG.menteeInRelation);
      await act(env, x, blocking, 'cancel');
      expectMessage(await accept(mentor, id), 200, MSG.accepted);
    });
  });

  describe('an expired request (beyond the reference): 403', () => {
    it('the receiver: 403 expired, still PENDING', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expireRelation(env.db, id);
      await expectRefused(mentor, id, 403, MSG.expired);
      expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
    });

    it('checked after the state, the sender and involvement', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expireRelation(env.db, id);
      await expectRefused(mentee, id, 403, MSG.cantAcceptOwn);
      await expectRefused(stranger, id, 403, MSG.cantAcceptUninvolved);

      const [mentor2, mentee2] = await pool.take(2);
      const rejected = await createRejected(env, mentee2, mentor2, mentee2);
      await expireRelation(env.db, rejected);
      await expectRefused(mentor2, rejected, 403, MSG.notPending);
    });
  });

  it('a token of a deleted user: 404 "User does not exist." before anything else (reference guard)', async () => {
    const [mentor, mentee] = await pool.take(2);
    const id = await createRequest(env, mentee, mentor, mentee);
    const gone = await deletedUserToken(env);
    expectMessage(await putRelation(env.test, gone, id, 'accept'), 404, MSG.userDoesNotExist);
    expectMessage(await putRelation(env.test, gone, 987_654, 'accept'), 404, MSG.userDoesNotExist);
    expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'PUT', url: '/mentorship_relation/1/accept' });
});
