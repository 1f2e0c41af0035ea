/**
 * PUT /mentorship_relation/{request_id}/reject (reference §2.3 #21, §4.1; tests/mentorship_relation/
 * test_api_reject_request.py, test_dao_reject_mentorship_request.py).
 */
import { itRejectsMissingExpiredAndInvalidTokens, NOT_FOUND_URL } from '../support/accounts';
import {
  createAccepted,
  createCancelled,
  createCompleted,
  createRejected,
  createRequest,
  deletedUserToken,
  deleteRelation,
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

describe('PUT /mentorship_relation/{request_id}/reject', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    pool = await MemberPool.create(env, 40);
  });

  afterAll(async () => {
    await env?.close();
  });

  const reject = (user: Member, id: number | string) => putRelation(env.test, user, id, 'reject');

  /** Asserts the exact error and that the relation is unchanged. */
  async function expectRefused(user: Member, id: number, status: number, message: string) {
    const before = await relationRow(env.db, id);
    expectMessage(await reject(user, id), status, message);
    expect(await relationRow(env.db, id)).toEqual(before);
  }

  describe('success', () => {
    it("the mentee rejects the mentor's request: 200, REJECTED (reference test_reject_mentorship_request)", async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
      expectMessage(await reject(mentee, id), 200, MSG.rejected);
      expect(await stateOf(env.db, id)).toBe(STATE.REJECTED);
      const [relation] = await listAs(env.test, mentor);
      expect(relation).toMatchObject({
        id,
        state: STATE.REJECTED,
        sent_by_me: true,
        accept_date: null,
        start_date: null,
      });
      expect(await listAs(env.test, mentee)).toEqual([{ ...relation, sent_by_me: false }]);
    });

    it("the mentor rejects the mentee's request: 200", async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await reject(mentor, id), 200, MSG.rejected);
      expect(await stateOf(env.db, id)).toBe(STATE.REJECTED);
    });

    it('a rejected request leaves /pending and is no current relation', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expect(await listAs(env.test, mentor, '/mentorship_relations/pending')).toHaveLength(1);
      expectMessage(await reject(mentor, id), 200, MSG.rejected);
      expect(await listAs(env.test, mentor, '/mentorship_relations/pending')).toEqual([]);
      expect(await listAs(env.test, mentee, '/mentorship_relations?relation_state=rejected')).toHaveLength(1);
      expectMessage(await getAs(env.test, mentee, '/mentorship_relations/current'), 200, MSG.noCurrent);
    });

    it('the receiver may reject while in an accepted relation', async () => {
      const [mentor, mentee, other] = await pool.take(3);
      const id = await createRequest(env, other, mentor, other);
      await createAccepted(env, mentee, mentor, mentee);
      expectMessage(await reject(mentor, id), 200, MSG.rejected);
    });

    it('an expired pending request can be rejected too', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expireRelation(env.db, id);
      expectMessage(await reject(mentor, id), 200, MSG.rejected);
      expect(await stateOf(env.db, id)).toBe(STATE.REJECTED);
    });

    it('after a rejection the same request can be sent again', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await reject(mentor, id), 200, MSG.rejected);
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    });
  });

  describe('the request must exist', () => {
    it.each([987_654, 0, 2147483648, 999999999999999])('id %s: 404', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await reject(me, id), 404, MSG.requestMissing);
    });

    it('a deleted request: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, MSG.deleted);
      expectMessage(await reject(mentor, id), 404, MSG.requestMissing);
    });

    it.each(['abc', '-1', '1.5', '1e3', '+1', '%20'])('a non-integer id %j: 404 routing text', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await reject(me, id), 404, NOT_FOUND_URL);
    });
  });

  describe('the request must be PENDING', () => {
    it.each([
      ['accepted', createAccepted],
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
      const id = await createAccepted(env, mentee, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.notPending);
      await expectRefused(stranger, id, 403, MSG.notPending);
    });
  });

  describe('who may reject', () => {
    it('the sender: 403', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.cantRejectOwn);
      const id2 = await createRequest(env, mentee, mentee, mentor);
      await expectRefused(mentee, id2, 403, MSG.cantRejectOwn);
    });

    it('a user not involved: 403', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRequest(env, mentor, mentor, mentee);
      await expectRefused(stranger, id, 403, MSG.cantRejectUninvolved);
    });
  });

  it('a token of a deleted user: 404 "User does not exist." before anything else (reference guard)', async () => {
    const [mentor, mentee] = await pool.take(2);
    const id = await createRequest(env, mentee, mentor, mentee);
    const gone = await deletedUserToken(env);
    expectMessage(await putRelation(env.test, gone, id, 'reject'), 404, MSG.userDoesNotExist);
    expectMessage(await putRelation(env.test, gone, 987_654, 'reject'), 404, MSG.userDoesNotExist);
    expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'PUT', url: '/mentorship_relation/1/reject' });
});
