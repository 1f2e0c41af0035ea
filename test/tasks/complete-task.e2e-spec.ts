/**
 * PUT /mentorship_relation/{relation_id}/task/{task_id}/complete (reference §2.4 #30, §4.2;
 * tests/tasks/test_api_complete_task.py and the HTTP-observable cases of test_dao_complete_task.py).
 *
 * Order: relation exists → caller involved (401) → task exists → not already done (409). Either party
 * completes any task, in any state; completion is one-way.
 */
import {
  acceptedPair,
  achieve,
  act,
  addTask,
  completeTask,
  createRequest,
  deleteRelation,
  deleteTask,
  deletedUserToken,
  during,
  expectDeletedCallerRefused,
  expectMessage,
  itRejectsMissingExpiredAndInvalidTokens,
  listTasks,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  NON_ACCEPTED_STATES,
  NON_INTEGER_IDS,
  type Pair,
  type Task,
  RELATION_MSG,
  sleep,
  startTasksEnv,
  TASK_KEYS,
} from './support';

describe('PUT /mentorship_relation/{relation_id}/task/{task_id}/complete', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(60));
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('success', () => {
    it('the mentee completes the mentor\'s task: 200 "Task was achieved successfully.", completed_at set to now, nothing else changes (reference test_complete_task_api)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const first = await addTask(env, mentor, id, 'first');
      const second = await addTask(env, mentor, id, 'second');
      const third = await addTask(env, mentee, id, 'third');
      const { result: response, date } = await during(() =>
        env.test.app.inject({
          method: 'PUT',
          url: `/mentorship_relation/${id}/task/2/complete`,
          headers: { authorization: `Bearer ${mentee.accessToken}` },
        }),
      );
      expectMessage(response, 200, MSG.taskAchieved);
      const tasks = await listTasks(env, mentor, id);
      expect(tasks).toEqual([first, { ...second, completed_at: date }, third]);
      expect(Object.keys(tasks[1]).sort()).toEqual(TASK_KEYS);
      expect(tasks[1].completed_at).toBeGreaterThanOrEqual(tasks[1].created_at);
      expect(await listTasks(env, mentee, id)).toEqual(tasks);
    });

    it('the mentor completes its own task, and the mentee one of its own', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, "the mentor's");
      await addTask(env, mentee, id, "the mentee's");
      expectMessage(await completeTask(env, mentor, id, 1), 200, MSG.taskAchieved);
      expectMessage(await completeTask(env, mentee, id, 2), 200, MSG.taskAchieved);
      const tasks = await listTasks(env, mentor, id);
      expect(tasks.map((t) => t.completed_at)).toEqual([expect.any(Number), expect.any(Number)]);
      expect(tasks.map((t) => t.created_by)).toEqual([mentor.id, mentee.id]);
    });

    it('completion times keep their order (milliseconds apart)', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      for (const d of ['a', 'b', 'c']) await addTask(env, mentor, id, d);
      for (const taskId of [3, 1, 2]) {
        await achieve(env, mentor, id, taskId);
        await sleep(15);
      }
      const [a, b, c] = await listTasks(env, mentor, id);
      expect(c.completed_at!).toBeLessThan(a.completed_at!);
      expect(a.completed_at!).toBeLessThan(b.completed_at!);
    });

    it.each(NON_ACCEPTED_STATES)('in a relation moved to %s too (no state check)', async (_name, state) => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const untouched = await addTask(env, mentor, id, 'left open');
      const task = await addTask(env, mentor, id, 'finished late');
      await moveRelation(env, id, state);
      const { result: response, date } = await during(() => completeTask(env, mentee, id, 2));
      expectMessage(response, 200, MSG.taskAchieved);
      expect(await listTasks(env, mentor, id)).toEqual([untouched, { ...task, completed_at: date }]);
    });

    it('in a relation cancelled through the API', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentee, id, 'done after all');
      await act(env, mentor, id, 'cancel');
      expectMessage(await completeTask(env, mentor, id, 1), 200, MSG.taskAchieved);
    });

    it("only this relation's task: the other relation's task with the same id stays open", async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      await addTask(env, one.mentor, one.id, 'one-1');
      const other = await addTask(env, two.mentor, two.id, 'two-1');
      await achieve(env, one.mentee, one.id, 1);
      expect(await listTasks(env, two.mentor, two.id)).toEqual([other]);
    });
  });

  describe('completion is one-way', () => {
    it('a second completion, by either party: 409 "Task was already achieved.", completed_at unchanged', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'once');
      await achieve(env, mentee, id, 1);
      const [done] = await listTasks(env, mentor, id);
      await sleep(20);
      expectMessage(await completeTask(env, mentee, id, 1), 409, MSG.taskAlreadyAchieved);
      expectMessage(await completeTask(env, mentor, id, 1), 409, MSG.taskAlreadyAchieved);
      expect(await listTasks(env, mentor, id)).toEqual([done]);
    });

    it('409 also once the relation is over', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'done in time');
      await achieve(env, mentor, id, 1);
      await act(env, mentee, id, 'cancel');
      expectMessage(await completeTask(env, mentee, id, 1), 409, MSG.taskAlreadyAchieved);
    });
  });

  describe('the task must exist (checked after involvement)', () => {
    it.each<[string, number | string]>([
      ['0', 0],
      ['2, never created', 2],
      ['987654', 987_654],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist."', async (_label, taskId) => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'the only one');
      expectMessage(await completeTask(env, mentee, id, taskId), 404, MSG.taskMissing);
      expect(await listTasks(env, mentor, id)).toEqual([task]);
    });

    it('a deleted task: 404', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'gone');
      expectMessage(await deleteTask(env, mentor, id, 1), 200, MSG.taskDeleted);
      expectMessage(await completeTask(env, mentee, id, 1), 404, MSG.taskMissing);
    });

    it("the id of another relation's task: 404", async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      await addTask(env, two.mentor, two.id, 'two-1');
      await addTask(env, two.mentor, two.id, 'two-2');
      await addTask(env, one.mentor, one.id, 'one-1');
      expectMessage(await completeTask(env, one.mentor, one.id, 2), 404, MSG.taskMissing);
    });
  });

  describe('the caller must be a party (checked before the task)', () => {
    it('a stranger: 401 "You are not involved in this mentorship relation.", and the task stays open', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'mine');
      const [stranger] = await pool.take(1);
      expectMessage(await completeTask(env, stranger, id, 1), 401, MSG.notInvolved);
      expect(await listTasks(env, mentor, id)).toEqual([task]);
    });

    it('a stranger asking for a missing task: 401, not 404', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'mine');
      const [stranger] = await pool.take(1);
      expectMessage(await completeTask(env, stranger, id, 2), 401, MSG.notInvolved);
      expectMessage(await completeTask(env, stranger, id, 0), 401, MSG.notInvolved);
    });

    it('a stranger on a done task: 401, not 409', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'done');
      await achieve(env, mentor, id, 1);
      const [stranger] = await pool.take(1);
      expectMessage(await completeTask(env, stranger, id, 1), 401, MSG.notInvolved);
    });

    it('a party of another relation with a task of the same id: 401', async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      const task = await addTask(env, one.mentor, one.id, 'one');
      await addTask(env, two.mentor, two.id, 'two');
      expectMessage(await completeTask(env, two.mentee, one.id, 1), 401, MSG.notInvolved);
      expect(await listTasks(env, one.mentor, one.id)).toEqual([task]);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401), and the task stays open', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'mine');
      expectDeletedCallerRefused(await completeTask(env, await deletedUserToken(env), id, 1));
      expect(await listTasks(env, mentor, id)).toEqual([task]);
    });
  });

  describe('the relation must exist (checked first)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const [me] = await pool.take(1);
      expectMessage(await completeTask(env, me, relationId, 1), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await completeTask(env, mentor, id, 1), 404, MSG.relationMissing);
    });
  });

  describe('path ids that are not non-negative integers: 404 routing text', () => {
    let shared: Pair;
    let task: Task;

    beforeAll(async () => {
      shared = await acceptedPair(env, pool);
      task = await addTask(env, shared.mentor, shared.id, 'safe');
    });

    it.each(NON_INTEGER_IDS)('relation id %j', async (relationId) => {
      expectMessage(await completeTask(env, shared.mentor, relationId, 1), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      expectMessage(await completeTask(env, shared.mentor, shared.id, taskId), 404, MSG.notFoundUrl);
    });

    it('none of them completed the task', async () => {
      expect(await listTasks(env, shared.mentee, shared.id)).toEqual([task]);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'PUT',
    url: '/mentorship_relation/1/task/1/complete',
  });
});
