/**
 * GET /home (reference §2.1 #13; tests/users/test_api_home_statistics.py, the statistics cases of
 * tests/users/test_dao.py). Achievements (completed tasks) come with the tasks lib; until then they
 * are always [].
 */
import { deleteOwnAccount, itRejectsMissingExpiredAndInvalidTokens, sessionlessAccessToken } from '../support/accounts';
import {
  act,
  createAccepted,
  createCancelled,
  createCompleted,
  createMember,
  createRejected,
  createRequest,
  deleteRelation,
  expectMessage,
  expireRelation,
  getAs,
  HOME_KEYS,
  MemberPool,
  MSG,
  startMentorshipEnv,
  statusAndBody,
  type Member,
  type MentorshipEnv,
} from './support';

describe('GET /home', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    await createMember(env); // the first user, the admin, who must stay
    pool = await MemberPool.create(env, 30);
  });

  afterAll(async () => {
    await env?.close();
  });

  const home = (user: { accessToken: string }) => getAs(env.test, user, '/home');
  const counts = (overrides: Partial<Record<string, number>> = {}) => ({
    pending_requests: 0,
    accepted_requests: 0,
    rejected_requests: 0,
    completed_relations: 0,
    cancelled_relations: 0,
    ...overrides,
  });

  async function expectHome(user: Member, expected: Record<string, number>) {
    const response = await home(user);
    expect(statusAndBody(response)).toEqual({
      status: 200,
      body: { name: user.name, ...counts(expected), achievements: [] },
    });
    expect(Object.keys(response.json()).sort()).toEqual(HOME_KEYS);
  }

  it('a user in no relation: their name, every count 0, no achievements', async () => {
    const [me] = await pool.take(1);
    await expectHome(me, {});
  });

  it.each([
    ['pending', createRequest, { pending_requests: 1 }],
    ['accepted', createAccepted, { accepted_requests: 1 }],
    ['rejected', createRejected, { rejected_requests: 1 }],
    ['completed', createCompleted, { completed_relations: 1 }],
    ['cancelled', createCancelled, { cancelled_relations: 1 }],
  ] as const)(
    'one %s relation: counted for the mentor and for the mentee (reference test_%s_…)',
    async (_s, create, expected) => {
      const [user1, user2] = await pool.take(2); // user1 the mentor, user2 the mentee who sent it
      await create(env, user2, user1, user2);
      await expectHome(user1, expected);
      await expectHome(user2, expected);
    },
  );

  it('counts cover both roles, sent and received, whatever the end date', async () => {
    const [me, a, b, c, d, e, f, g] = await pool.take(8);
    await createCompleted(env, a, me, a); // received, as mentor
    await createCancelled(env, me, b, me); // sent, as mentee
    await createCancelled(env, c, c, me, me); // received, as mentee
    await createRejected(env, me, me, d); // sent, rejected by d
    await createRequest(env, me, me, e); // sent, as mentor
    await createRequest(env, f, f, me); // received, as mentee
    const stale = await createRequest(env, me, g, me); // sent, end date past
    await expireRelation(env.db, stale);
    await createAccepted(env, e, e, me); // received, as mentee, accepted by me
    await expectHome(me, {
      pending_requests: 3,
      accepted_requests: 1,
      rejected_requests: 1,
      completed_relations: 1,
      cancelled_relations: 2,
    });
  });

  it('the counts follow the transitions: pending → accepted → cancelled; a deleted request no longer counts', async () => {
    const [mentor, mentee, other] = await pool.take(3);
    const id = await createRequest(env, mentee, mentor, mentee);
    const withdrawn = await createRequest(env, other, mentor, other);
    await expectHome(mentor, { pending_requests: 2 });
    expectMessage(await deleteRelation(env.test, other, withdrawn), 200, MSG.deleted);
    await expectHome(mentor, { pending_requests: 1 });
    await act(env, mentor, id, 'accept');
    await expectHome(mentor, { accepted_requests: 1 });
    await act(env, mentee, id, 'cancel');
    await expectHome(mentor, { cancelled_relations: 1 });
    await expectHome(mentee, { cancelled_relations: 1 });
    await expectHome(other, {});
  });

  describe('a token whose user does not exist', () => {
    it('a deleted user: 404 "User not found." (reference test_relations_invalid_id)', async () => {
      const [gone] = await pool.take(1);
      await deleteOwnAccount(env.test, gone);
      const response = await env.test.app.inject({
        method: 'GET',
        url: '/home',
        headers: { authorization: `Bearer ${sessionlessAccessToken(gone.id)}` },
      });
      expectMessage(response, 404, MSG.userNotFound);
    });

    it('an id that never existed: 404', async () => {
      const response = await env.test.app.inject({
        method: 'GET',
        url: '/home',
        headers: { authorization: `Bearer ${sessionlessAccessToken(987_654)}` },
      });
      expectMessage(response, 404, MSG.userNotFound);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/home' });
});
