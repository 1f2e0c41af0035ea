/**
 * PUT /mentorship_relation/{request_id}/cancel (reference §2.3 #22, §4.1; tests/mentorship_relation/
 * test_api_cancel_relation.py, test_dao_cancel_relation.py).
 */
import { itRejectsMissingExpiredAndInvalidTokens, NOT_FOUND_URL } from '../support/accounts';
import {
  act,
  createAccepted,
  createCancelled,
  createCompleted,
  createRejected,
  createRequest,
  deletedUserToken,
  expectMessage,
  expireRelation,
  getAs,
  listAs,
  MemberPool,
  MSG,
  putRelation,
  relationRow,
  requestBody,
  sendRequest,
  startMentorshipEnv,
  STATE,
  stateOf,
  type Member,
  type MentorshipEnv,
} from './support';

describe('PUT /mentorship_relation/{request_id}/cancel', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    pool = await MemberPool.create(env, 40);
  });

  afterAll(async () => {
    await env?.close();
  });

  const cancel = (user: Member, id: number | string) => putRelation(env.test, user, id, 'cancel');

  /** Asserts the exact error and that the relation is unchanged. */
  async function expectRefused(user: Member, id: number, status: number, message: string) {
    const before = await relationRow(env.db, id);
    expectMessage(await cancel(user, id), status, message);
    expect(await relationRow(env.db, id)).toEqual(before);
  }

  describe('success', () => {
    it('the mentor (the sender) cancels: 200, CANCELLED (reference test__mentor_cancel_mentorship_relation)', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createAccepted(env, mentor, mentor, mentee);
      expect(await stateOf(env.db, id)).toBe(STATE.ACCEPTED);
      expectMessage(await cancel(mentor, id), 200, MSG.cancelled);
      expect(await stateOf(env.db, id)).toBe(STATE.CANCELLED);
      const [relation] = await listAs(env.test, mentor);
      expect(relation).toMatchObject({ id, state: STATE.CANCELLED, sent_by_me: true });
      expect(await listAs(env.test, mentee)).toEqual([{ ...relation, sent_by_me: false }]);
    });

    it('the mentee (the receiver) cancels: 200 (reference test__mentee_cancel_mentorship_relation)', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createAccepted(env, mentor, mentor, mentee);
      expectMessage(await cancel(mentee, id), 200, MSG.cancelled);
      expect(await stateOf(env.db, id)).toBe(STATE.CANCELLED);
    });

    it('afterwards neither has a current relation, and both are free for a new one', async () => {
      const [mentor, mentee, next] = await pool.take(3);
      const id = await createAccepted(env, mentee, mentor, mentee);
      expectMessage(await cancel(mentee, id), 200, MSG.cancelled);
      expectMessage(await getAs(env.test, mentor, '/mentorship_relations/current'), 200, MSG.noCurrent);
      expectMessage(await getAs(env.test, mentee, '/mentorship_relations/current'), 200, MSG.noCurrent);
      const again = await createRequest(env, mentee, mentor, mentee);
      await act(env, mentor, again, 'accept');
      expectMessage(await sendRequest(env.test, next, requestBody(mentor, next)), 400, MSG.mentorInRelation);
    });

    it('an accepted relation whose end date has passed (not yet completed) can still be cancelled', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createAccepted(env, mentee, mentor, mentee);
      await expireRelation(env.db, id);
      expectMessage(await cancel(mentor, id), 200, MSG.cancelled);
    });
  });

  describe('the relation must exist', () => {
    it.each([987_654, 0, 2147483648, 999999999999999])('id %s: 404', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await cancel(me, id), 404, MSG.requestMissing);
    });

    it.each(['abc', '-1', '1.5', '1e3', '+1', '%20'])('a non-integer id %j: 404 routing text', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await cancel(me, id), 404, NOT_FOUND_URL);
    });
  });

  describe('the relation must be ACCEPTED', () => {
    it('a pending request: 403, for the sender and the receiver', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.notAccepted);
      await expectRefused(mentor, id, 403, MSG.notAccepted);
    });

    it.each([
      ['rejected', createRejected],
      ['cancelled', createCancelled],
      ['completed', createCompleted],
    ] as const)('a %s relation: 403', async (_what, create) => {
      const [mentor, mentee] = await pool.take(2);
      const id = await create(env, mentee, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.notAccepted);
    });

    it('checked before involvement', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expectRefused(stranger, id, 403, MSG.notAccepted);
    });
  });

  it('a user not involved: 403', async () => {
    const [mentor, mentee, stranger] = await pool.take(3);
    const id = await createAccepted(env, mentor, mentor, mentee);
    await expectRefused(stranger, id, 403, MSG.cantCancelUninvolved);
  });

  it('a token of a deleted user: 404 "User does not exist." before anything else (reference guard)', async () => {
    const [mentor, mentee] = await pool.take(2);
    const id = await createAccepted(env, mentee, mentor, mentee);
    const gone = await deletedUserToken(env);
    expectMessage(await putRelation(env.test, gone, id, 'cancel'), 404, MSG.userDoesNotExist);
    expectMessage(await putRelation(env.test, gone, 987_654, 'cancel'), 404, MSG.userDoesNotExist);
    expect(await stateOf(env.db, id)).toBe(STATE.ACCEPTED);
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'PUT', url: '/mentorship_relation/1/cancel' });
});
