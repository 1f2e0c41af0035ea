/**
 * GET /mentorship_relation/{relation_id}/tasks (reference §2.4 #28, §4.2; tests/tasks/test_api_list_tasks.py
 * and the HTTP-observable cases of test_dao_list_tasks.py). Items are exactly {id, description,
 * created_at, completed_at, created_by} (created_by beyond the reference), in creation order; is_done
 * is not exposed. No state check. A stranger gets 401 (sic).
 */
import {
  acceptedPair,
  achieve,
  act,
  addTask,
  createRejected,
  createRequest,
  type DateMatcher,
  deleteRelation,
  deleteTask,
  deletedUserToken,
  during,
  expectDeletedCallerRefused,
  expectMessage,
  getTasks,
  itRejectsMissingExpiredAndInvalidTokens,
  listTasks,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  NON_ACCEPTED_STATES,
  NON_INTEGER_IDS,
  type Pair,
  postTask,
  RELATION_MSG,
  sleep,
  startTasksEnv,
  STATE,
  statusAndBody,
  TASK_KEYS,
  type Task,
} from './support';

describe('GET /mentorship_relation/{relation_id}/tasks', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(40));
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('the reference fixture: two ACCEPTED relations with tasks', () => {
    let first: Pair;
    let second: Pair;
    const created: Record<string, DateMatcher> = {};

    beforeAll(async () => {
      first = await acceptedPair(env, pool);
      second = await acceptedPair(env, pool);
      created.a = (await during(() => postTask(env, first.mentor, first.id, { description: 'Task a' }))).date;
      created.b = (await during(() => postTask(env, first.mentee, first.id, { description: 'Task b' }))).date;
      created.c = (await during(() => postTask(env, second.mentee, second.id, { description: 'Task c' }))).date;
    });

    it('each relation lists exactly its own tasks, in creation order, with exact shapes (reference test_list_tasks_api)', async () => {
      const one = await listTasks(env, first.mentor, first.id);
      expect(one).toEqual([
        { id: 1, description: 'Task a', created_at: created.a, completed_at: null, created_by: first.mentor.id },
        { id: 2, description: 'Task b', created_at: created.b, completed_at: null, created_by: first.mentee.id },
      ]);
      for (const task of one) expect(Object.keys(task).sort()).toEqual(TASK_KEYS);

      expect(await listTasks(env, second.mentor, second.id)).toEqual([
        { id: 1, description: 'Task c', created_at: created.c, completed_at: null, created_by: second.mentee.id },
      ]);
    });

    it('both parties see the same list', async () => {
      expect(await listTasks(env, first.mentee, first.id)).toEqual(await listTasks(env, first.mentor, first.id));
      expect(await listTasks(env, second.mentee, second.id)).toEqual(await listTasks(env, second.mentor, second.id));
    });

    it('a party of the other relation: 401 "You are not involved in this mentorship relation." (reference test_list_tasks_api_not_involved)', async () => {
      expectMessage(await getTasks(env, second.mentor, first.id), 401, MSG.notInvolved);
      expectMessage(await getTasks(env, first.mentee, second.id), 401, MSG.notInvolved);
    });
  });

  it('a relation without tasks: [] (reference test_list_tasks_api_with_no_tasks)', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    expect(statusAndBody(await getTasks(env, mentor, id))).toEqual({ status: 200, body: [] });
    expect(statusAndBody(await getTasks(env, mentee, id))).toEqual({ status: 200, body: [] });
  });

  it('a PENDING request and a REJECTED one: [] for both parties (no state check)', async () => {
    const [mentor, mentee, other] = await pool.take(3);
    const pending = await createRequest(env, mentee, mentor, mentee);
    const rejected = await createRejected(env, other, mentor, other);
    for (const [party, id] of [
      [mentor, pending],
      [mentee, pending],
      [mentor, rejected],
      [other, rejected],
    ] as const) {
      expect(statusAndBody(await getTasks(env, party, id))).toEqual({ status: 200, body: [] });
    }
  });

  it('a completed task shows completed_at; is_done is never exposed', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    await addTask(env, mentor, id, 'to do');
    await addTask(env, mentor, id, 'to finish');
    const { date } = await during(() => achieve(env, mentee, id, 2));
    const tasks = await listTasks(env, mentee, id);
    expect(tasks).toEqual([
      expect.objectContaining({ id: 1, completed_at: null }),
      expect.objectContaining({ id: 2, completed_at: date }),
    ]);
    for (const task of tasks) {
      expect(Object.keys(task).sort()).toEqual(TASK_KEYS);
      expect(task).not.toHaveProperty('is_done');
    }
  });

  it.each(NON_ACCEPTED_STATES)(
    'tasks of a relation moved to %s are still listed, unchanged, for both parties',
    async (_name, state) => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'kept 1');
      await addTask(env, mentee, id, 'kept 2');
      await achieve(env, mentor, id, 1);
      const before = await listTasks(env, mentor, id);
      await moveRelation(env, id, state);
      expect(await listTasks(env, mentor, id)).toEqual(before);
      expect(await listTasks(env, mentee, id)).toEqual(before);
    },
  );

  it('a relation cancelled through the API keeps its tasks readable', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    const task = await addTask(env, mentee, id, 'finished business');
    await act(env, mentor, id, 'cancel');
    expect(await listTasks(env, mentor, id)).toEqual([task]);
  });

  it('deleted tasks disappear; the others keep their ids (1, 3, 4 after deleting 2)', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    for (const d of ['one', 'two', 'three']) await addTask(env, mentor, id, d);
    expectMessage(await deleteTask(env, mentee, id, 2), 200, MSG.taskDeleted);
    await addTask(env, mentee, id, 'four');
    expect((await listTasks(env, mentor, id)).map((t: Task) => [t.id, t.description])).toEqual([
      [1, 'one'],
      [3, 'three'],
      [4, 'four'],
    ]);
  });

  it('creation order, also when tasks come quickly one after the other', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    const descriptions = Array.from({ length: 12 }, (_, i) => `step ${i + 1}`);
    for (const [i, d] of descriptions.entries()) {
      expectMessage(await postTask(env, i % 2 ? mentee : mentor, id, { description: d }), 201, MSG.taskCreated);
      if (i === 5) await sleep(5);
    }
    const tasks = await listTasks(env, mentor, id);
    expect(tasks.map((t) => t.description)).toEqual(descriptions);
    expect(tasks.map((t) => t.id)).toEqual(descriptions.map((_, i) => i + 1));
    expect(tasks.map((t) => t.created_by)).toEqual(descriptions.map((_, i) => (i % 2 ? mentee.id : mentor.id)));
  });

  describe('the caller must be a party', () => {
    it('a stranger on an ACCEPTED relation: 401', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'private');
      const [stranger] = await pool.take(1);
      expectMessage(await getTasks(env, stranger, id), 401, MSG.notInvolved);
    });

    it('a stranger on a CANCELLED or COMPLETED relation: 401 as well', async () => {
      for (const state of [STATE.CANCELLED, STATE.COMPLETED]) {
        const { mentor, id } = await acceptedPair(env, pool);
        await addTask(env, mentor, id, 'private');
        await moveRelation(env, id, state);
        const [stranger] = await pool.take(1);
        expectMessage(await getTasks(env, stranger, id), 401, MSG.notInvolved);
      }
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401), never a list', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'private');
      expectDeletedCallerRefused(await getTasks(env, await deletedUserToken(env), id));
    });
  });

  describe('the relation must exist', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['2147483648', 2147483648],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const [me] = await pool.take(1);
      expectMessage(await getTasks(env, me, relationId), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await getTasks(env, mentor, id), 404, MSG.relationMissing);
    });

    it.each(NON_INTEGER_IDS)(
      'a relation id %j that is not a non-negative integer: 404 routing text',
      async (relationId) => {
        const [me] = await pool.take(1);
        expectMessage(await getTasks(env, me, relationId), 404, MSG.notFoundUrl);
      },
    );
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/mentorship_relation/1/tasks' });
});
