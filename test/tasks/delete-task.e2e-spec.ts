/**
 * DELETE /mentorship_relation/{relation_id}/task/{task_id} (reference §2.4 #29, §4.2;
 * tests/tasks/test_api_delete_task.py and the HTTP-observable cases of test_dao_delete_task.py). The
 * intended behaviour, not the HEAD 500 (§0).
 *
 * Order: relation exists → task exists (before involvement, as the reference) → caller involved (401).
 * Either party deletes any task, in any state; ids are never reused; beyond the reference, the task's
 * comments go with it.
 */
import {
  acceptedPair,
  achieve,
  act,
  addComment,
  addTask,
  completeTask,
  createRequest,
  deleteComment,
  deleteRelation,
  deleteTask,
  deletedUserToken,
  expectDeletedCallerRefused,
  expectMessage,
  getComments,
  itRejectsMissingExpiredAndInvalidTokens,
  listComments,
  listTasks,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  NON_ACCEPTED_STATES,
  NON_INTEGER_IDS,
  type Pair,
  type Task,
  postComment,
  putComment,
  RELATION_MSG,
  startTasksEnv,
} from './support';

describe('DELETE /mentorship_relation/{relation_id}/task/{task_id}', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(60));
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('success', () => {
    it('the creator deletes a task: 200 "Task was deleted successfully.", it leaves the list, the others stay as they were (reference test_delete_task_api)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const one = await addTask(env, mentor, id, 'one');
      await addTask(env, mentor, id, 'two');
      const three = await addTask(env, mentee, id, 'three');
      expectMessage(
        await env.test.app.inject({
          method: 'DELETE',
          url: `/mentorship_relation/${id}/task/2`,
          headers: { authorization: `Bearer ${mentor.accessToken}` },
        }),
        200,
        MSG.taskDeleted,
      );
      expect(await listTasks(env, mentor, id)).toEqual([one, three]);
      expect(await listTasks(env, mentee, id)).toEqual([one, three]);
    });

    it('the other party deletes a task it did not create (no creator check)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, "the mentor's");
      const theirs = await addTask(env, mentee, id, "the mentee's");
      expectMessage(await deleteTask(env, mentee, id, 1), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentor, id)).toEqual([theirs]);
      expectMessage(await deleteTask(env, mentor, id, 2), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it('a completed task can be deleted', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'done and gone');
      await achieve(env, mentee, id, 1);
      expectMessage(await deleteTask(env, mentor, id, 1), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentee, id)).toEqual([]);
    });

    it.each(NON_ACCEPTED_STATES)('in a relation moved to %s too (no state check)', async (_name, state) => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'old 1');
      const kept = await addTask(env, mentor, id, 'old 2');
      await moveRelation(env, id, state);
      expectMessage(await deleteTask(env, mentee, id, 1), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentor, id)).toEqual([kept]);
    });

    it('in a relation cancelled through the API', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentee, id, 'obsolete');
      await act(env, mentor, id, 'cancel');
      expectMessage(await deleteTask(env, mentor, id, 1), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentee, id)).toEqual([]);
    });

    it('ids are never reused: after deleting the newest (3), the next task is 4; after deleting all, 5', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      for (const d of ['a', 'b', 'c']) await addTask(env, mentor, id, d);
      expectMessage(await deleteTask(env, mentor, id, 3), 200, MSG.taskDeleted);
      const d = await addTask(env, mentee, id, 'd');
      expect(d.id).toBe(4);
      for (const taskId of [1, 2, 4]) expectMessage(await deleteTask(env, mentee, id, taskId), 200, MSG.taskDeleted);
      expect(await listTasks(env, mentor, id)).toEqual([]);
      const e = await addTask(env, mentor, id, 'e');
      expect(e.id).toBe(5);
      expect(await listTasks(env, mentor, id)).toEqual([e]);
    });

    it("only this relation's task goes: the other relation's task with the same id stays", async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      await addTask(env, one.mentor, one.id, 'one-1');
      const other = await addTask(env, two.mentor, two.id, 'two-1');
      expectMessage(await deleteTask(env, one.mentee, one.id, 1), 200, MSG.taskDeleted);
      expect(await listTasks(env, two.mentee, two.id)).toEqual([other]);
    });
  });

  describe('a deleted task is gone for every task endpoint', () => {
    it('delete again: 404 "Task does not exist."; complete: 404; its comments: 404', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'short-lived');
      expectMessage(await deleteTask(env, mentor, id, 1), 200, MSG.taskDeleted);
      expectMessage(await deleteTask(env, mentor, id, 1), 404, MSG.taskMissing);
      expectMessage(await deleteTask(env, mentee, id, 1), 404, MSG.taskMissing);
      expectMessage(await completeTask(env, mentee, id, 1), 404, MSG.taskMissing);
      expectMessage(await getComments(env, mentee, id, 1), 404, MSG.taskMissing);
      expectMessage(await postComment(env, mentee, id, 1, { comment: 'late' }), 404, MSG.taskMissing);
    });

    it("beyond the reference, the task's comments are deleted with it (a comment id of the deleted task no longer exists anywhere)", async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'stays');
      await addTask(env, mentor, id, 'goes');
      const staying = await addComment(env, mentee, id, 1, 'on the task that stays');
      const going = await addComment(env, mentee, id, 2, 'on the task that goes');
      const goingToo = await addComment(env, mentor, id, 2, 'also on the task that goes');

      // While task 2 exists, its comment addressed through task 1 is "of another task".
      expectMessage(await putComment(env, mentee, id, 1, going.id, { comment: 'x' }), 404, MSG.commentOfOtherTask);

      expectMessage(await deleteTask(env, mentor, id, 2), 200, MSG.taskDeleted);

      // Now it does not exist at all.
      expectMessage(await putComment(env, mentee, id, 1, going.id, { comment: 'x' }), 404, MSG.commentMissing);
      expectMessage(await deleteComment(env, mentee, id, 1, going.id), 404, MSG.commentMissing);
      expectMessage(await putComment(env, mentor, id, 1, goingToo.id, { comment: 'x' }), 404, MSG.commentMissing);
      expectMessage(await deleteComment(env, mentor, id, 1, goingToo.id), 404, MSG.commentMissing);
      // The other task's comment is untouched.
      expect(await listComments(env, mentor, id, 1)).toEqual([staying]);
    });
  });

  describe('the task must exist (checked before involvement)', () => {
    it.each<[string, number | string]>([
      ['0 (reference test_delete_task_api_with_non_existing_task)', 0],
      ['2, never created', 2],
      ['987654', 987_654],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist."', async (_label, taskId) => {
      const { mentor, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'the only one');
      expectMessage(await deleteTask(env, mentor, id, taskId), 404, MSG.taskMissing);
      expect(await listTasks(env, mentor, id)).toEqual([task]);
    });

    it('a stranger asking for a missing task gets 404 "Task does not exist.", not 401', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'exists');
      const [stranger] = await pool.take(1);
      expectMessage(await deleteTask(env, stranger, id, 2), 404, MSG.taskMissing);
      expectMessage(await deleteTask(env, stranger, id, 0), 404, MSG.taskMissing);
    });
  });

  describe('the caller must be a party (reference test_delete_task_api_not_involved, both cases)', () => {
    it('a stranger: 401 "You are not involved in this mentorship relation.", and the task stays', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'mine');
      const [stranger] = await pool.take(1);
      expectMessage(await deleteTask(env, stranger, id, 1), 401, MSG.notInvolved);
      expect(await listTasks(env, mentor, id)).toEqual([task]);
    });

    it('a party of another relation that has a task with the same id: 401, and both tasks stay', async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      const task1 = await addTask(env, one.mentor, one.id, 'one');
      const task2 = await addTask(env, two.mentor, two.id, 'two');
      expectMessage(await deleteTask(env, two.mentee, one.id, 1), 401, MSG.notInvolved);
      expect(await listTasks(env, one.mentor, one.id)).toEqual([task1]);
      expect(await listTasks(env, two.mentor, two.id)).toEqual([task2]);
    });

    it('a stranger on a CANCELLED relation: 401 as well', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'old');
      await act(env, mentee, id, 'cancel');
      const [stranger] = await pool.take(1);
      expectMessage(await deleteTask(env, stranger, id, 1), 401, MSG.notInvolved);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401), and the task stays', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const task = await addTask(env, mentor, id, 'mine');
      expectDeletedCallerRefused(await deleteTask(env, await deletedUserToken(env), id, 1));
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
      expectMessage(await deleteTask(env, me, relationId, 1), 404, MSG.relationMissing);
      expectMessage(await deleteTask(env, me, relationId, 0), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await deleteTask(env, mentee, id, 1), 404, MSG.relationMissing);
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
      expectMessage(await deleteTask(env, shared.mentor, relationId, 1), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      expectMessage(await deleteTask(env, shared.mentor, shared.id, taskId), 404, MSG.notFoundUrl);
    });

    it('none of them touched the task', async () => {
      expect(await listTasks(env, shared.mentee, shared.id)).toEqual([task]);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'DELETE', url: '/mentorship_relation/1/task/1' });
});
