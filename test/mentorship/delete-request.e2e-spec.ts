/**
 * DELETE /mentorship_relation/{request_id} (reference §2.3 #23, §4.1; tests/mentorship_relation/
 * test_api_delete_request.py, test_dao_delete_request.py).
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
  listAs,
  MemberPool,
  MSG,
  putRelation,
  relationRow,
  requestBody,
  sendRequest,
  startMentorshipEnv,
  STATE,
  type Member,
  type MentorshipEnv,
} from './support';

describe('DELETE /mentorship_relation/{request_id}', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    pool = await MemberPool.create(env, 36);
  });

  afterAll(async () => {
    await env?.close();
  });

  const remove = (user: Member, id: number | string) => deleteRelation(env.test, user, id);

  /** Asserts the exact error and that the relation is still there, unchanged. */
  async function expectRefused(user: Member, id: number, status: number, message: string) {
    const before = await relationRow(env.db, id);
    expect(before).toBeDefined();
    expectMessage(await remove(user, id), status, message);
    expect(await relationRow(env.db, id)).toEqual(before);
  }

  describe('success', () => {
    it('the sender (the mentor) deletes their pending request: 200, gone (reference test_sender_delete_…)', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      expect(await relationRow(env.db, id)).toMatchObject({ state: STATE.PENDING });
      expectMessage(await remove(mentor, id), 200, MSG.deleted);
      expect(await relationRow(env.db, id)).toBeUndefined();
      expect(await listAs(env.test, mentor)).toEqual([]);
      expect(await listAs(env.test, mentee)).toEqual([]);
      expect(await listAs(env.test, mentee, '/mentorship_relations/pending')).toEqual([]);
    });

    it('the sender (the mentee) deletes: 200; then 404, and it cannot be accepted', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await remove(mentee, id), 200, MSG.deleted);
      expectMessage(await remove(mentee, id), 404, MSG.requestMissing);
      expectMessage(await putRelation(env.test, mentor, id, 'accept'), 404, MSG.requestMissing);
    });

    it("only that request goes; the sender's other requests stay", async () => {
      const [mentor, mentee, other] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      const kept = await createRequest(env, mentee, other, mentee);
      expectMessage(await remove(mentee, id), 200, MSG.deleted);
      expect((await listAs(env.test, mentee)).map((item) => item.id)).toEqual([kept]);
    });

    it('an expired pending request can be deleted by its sender', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expireRelation(env.db, id);
      expectMessage(await remove(mentee, id), 200, MSG.deleted);
    });

    it('after the deletion the same request can be sent again', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await remove(mentee, id), 200, MSG.deleted);
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    });
  });

  describe('the request must exist', () => {
    it.each([987_654, 0, 2147483648, 999999999999999])('id %s: 404', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await remove(me, id), 404, MSG.requestMissing);
    });

    it.each(['abc', '-1', '1.5', '1e3', '+1', '%20'])('a non-integer id %j: 404 routing text', async (id) => {
      const [me] = await pool.take(1);
      expectMessage(await remove(me, id), 404, NOT_FOUND_URL);
    });
  });

  describe('the request must be PENDING', () => {
    it.each([
      ['accepted', createAccepted],
      ['rejected', createRejected],
      ['cancelled', createCancelled],
      ['completed', createCompleted],
    ] as const)('a %s relation, even by its sender: 403', async (_what, create) => {
      const [mentor, mentee] = await pool.take(2);
      const id = await create(env, mentee, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.notPending);
    });

    it('checked before the sender', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createAccepted(env, mentee, mentor, mentee);
      await expectRefused(mentor, id, 403, MSG.notPending);
      await expectRefused(stranger, id, 403, MSG.notPending);
    });
  });

  describe('only the sender may delete', () => {
    it('the receiver: 403, the request stays (reference test_receiver_delete_mentorship_request)', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentor, mentor, mentee);
      await expectRefused(mentee, id, 403, MSG.cantDelete);
      expect(await listAs(env.test, mentee)).toHaveLength(1);
    });

    it('a user not involved: 403', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createRequest(env, mentee, mentor, mentee);
      await expectRefused(stranger, id, 403, MSG.cantDelete);
    });
  });

  it('a token of a deleted user: 404 "User does not exist." before anything else (reference guard)', async () => {
    const [mentor, mentee] = await pool.take(2);
    const id = await createRequest(env, mentee, mentor, mentee);
    const gone = await deletedUserToken(env);
    expectMessage(await remove(gone as Member, id), 404, MSG.userDoesNotExist);
    expectMessage(await remove(gone as Member, 987_654), 404, MSG.userDoesNotExist);
    expect(await relationRow(env.db, id)).toBeDefined();
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'DELETE', url: '/mentorship_relation/1' });
});
