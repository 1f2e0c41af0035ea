/**
 * DELETE /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id} (reference §2.5 #33,
 * §4.3; tests/task_comments/test_api_delete_task_comment.py and the delete case of test_dao.py).
 *
 * Order: relation exists → caller involved (401) → relation ACCEPTED (403) → task exists (404) →
 * comment exists (404) → caller is the author (403) → comment belongs to this task (404). Hard delete.
 */
import {
  acceptedPair,
  act,
  addComment,
  addTask,
  createRequest,
  deleteComment,
  deleteRelation,
  deleteTask,
  deletedUserToken,
  expectDeletedCallerRefused,
  expectMessage,
  itRejectsMissingExpiredAndInvalidTokens,
  listComments,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  NON_ACCEPTED_STATES,
  NON_INTEGER_IDS,
  type Pair,
  putComment,
  RELATION_MSG,
  startTasksEnv,
  STATE,
  type TaskComment,
} from './support';

describe('DELETE /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(60));
  });

  afterAll(async () => {
    await env?.close();
  });

  /** An ACCEPTED relation with tasks 1 and 2, and a comment by the mentee on task 1. */
  async function withComment(): Promise<Pair & { comment: TaskComment }> {
    const pair = await acceptedPair(env, pool);
    await addTask(env, pair.mentor, pair.id, 'task one');
    await addTask(env, pair.mentee, pair.id, 'task two');
    const comment = await addComment(env, pair.mentee, pair.id, 1, 'to be deleted');
    return { ...pair, comment };
  }

  describe('success', () => {
    it('the author deletes: 200 "Task comment was deleted successfully.", it leaves the list, the others stay (reference test_delete_task_comment_api)', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      const before = await addComment(env, mentor, id, 1, 'stays (mentor)');
      const after = await addComment(env, mentee, id, 1, 'stays (mentee)');
      const elsewhere = await addComment(env, mentee, id, 2, 'stays (task two)');
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 200, MSG.commentDeleted);
      expect(await listComments(env, mentor, id, 1)).toEqual([before, after]);
      expect(await listComments(env, mentor, id, 2)).toEqual([elsewhere]);
    });

    it("the mentor deletes its own comment on the mentee's task", async () => {
      const { mentor, mentee, id } = await withComment();
      const mine = await addComment(env, mentor, id, 2, 'never mind');
      expectMessage(await deleteComment(env, mentor, id, 2, mine.id), 200, MSG.commentDeleted);
      expect(await listComments(env, mentee, id, 2)).toEqual([]);
    });

    it('a hard delete: deleting again, or editing it, answers 404 "Task comment does not exist."', async () => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 200, MSG.commentDeleted);
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 404, MSG.commentMissing);
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: 'back?' }), 404, MSG.commentMissing);
      expect(await listComments(env, mentee, id, 1)).toEqual([]);
    });

    it('the task itself stays, and takes new comments', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 200, MSG.commentDeleted);
      const fresh = await addComment(env, mentor, id, 1, 'a fresh start');
      expect(fresh.id).not.toBe(comment.id);
      expect(await listComments(env, mentee, id, 1)).toEqual([fresh]);
    });
  });

  describe('the relation must exist (reference …_with_relation_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, relationId, 1, comment.id), 404, MSG.relationMissing);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await deleteComment(env, mentee, id, 1, 1), 404, MSG.relationMissing);
    });
  });

  describe('the caller must be a party (401) (reference …_not_involved)', () => {
    it('a stranger: 401 "You are not involved in this mentorship relation.", also with a missing task or comment, or a CANCELLED relation', async () => {
      const { mentee, id, comment } = await withComment();
      const [stranger] = await pool.take(1);
      expectMessage(await deleteComment(env, stranger, id, 1, comment.id), 401, MSG.notInvolved);
      expectMessage(await deleteComment(env, stranger, id, 99, comment.id), 401, MSG.notInvolved);
      expectMessage(await deleteComment(env, stranger, id, 1, 987_654), 401, MSG.notInvolved);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
      await moveRelation(env, id, STATE.CANCELLED);
      expectMessage(await deleteComment(env, stranger, id, 1, comment.id), 401, MSG.notInvolved);
    });

    it('a party of another relation: 401', async () => {
      const { mentee, id, comment } = await withComment();
      const other = await acceptedPair(env, pool);
      await addTask(env, other.mentor, other.id, 'theirs');
      expectMessage(await deleteComment(env, other.mentor, id, 1, comment.id), 401, MSG.notInvolved);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401)', async () => {
      const { mentee, id, comment } = await withComment();
      expectDeletedCallerRefused(await deleteComment(env, await deletedUserToken(env), id, 1, comment.id));
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });
  });

  describe('the relation must be ACCEPTED (403) (reference …_with_relation_not_accepted)', () => {
    it.each(NON_ACCEPTED_STATES)('a relation moved to %s: 403, even for the author', async (_name, state) => {
      const { mentee, id, comment } = await withComment();
      await moveRelation(env, id, state);
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 403, MSG.notAccepted);
    });

    it('a relation cancelled through the API: 403 before the task, the comment and the author checks', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      await act(env, mentee, id, 'cancel');
      expectMessage(await deleteComment(env, mentee, id, 99, comment.id), 403, MSG.notAccepted);
      expectMessage(await deleteComment(env, mentee, id, 1, 987_654), 403, MSG.notAccepted);
      expectMessage(await deleteComment(env, mentor, id, 1, comment.id), 403, MSG.notAccepted);
    });
  });

  describe('the task must exist (reference …_with_task_not_existing)', () => {
    it.each<[string, number | string]>([
      ['0', 0],
      ['3, never created', 3],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist." (before the comment checks)', async (_label, taskId) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, taskId, comment.id), 404, MSG.taskMissing);
      expectMessage(await deleteComment(env, mentee, id, taskId, 987_654), 404, MSG.taskMissing);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('a deleted task: 404 "Task does not exist."', async () => {
      const { mentor, mentee, id } = await withComment();
      const onTwo = await addComment(env, mentee, id, 2, 'on task two');
      expectMessage(await deleteTask(env, mentor, id, 2), 200, MSG.taskDeleted);
      expectMessage(await deleteComment(env, mentee, id, 2, onTwo.id), 404, MSG.taskMissing);
    });
  });

  describe('the comment must exist (reference …_with_comment_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('comment %s: 404 "Task comment does not exist."', async (_label, commentId) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, 1, commentId), 404, MSG.commentMissing);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });
  });

  describe('only the author (reference …_not_created_by_user)', () => {
    it('the other party: 403 "You have not created the comment and therefore cannot delete it.", the comment stays', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentor, id, 1, comment.id), 403, MSG.commentNotYoursDelete);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('the author check comes before the task check: the other party through another task still gets 403', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentor, id, 2, comment.id), 403, MSG.commentNotYoursDelete);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });
  });

  describe("the comment must be this task's (reference …_with_wrong_task_id)", () => {
    it('the author through another task of the relation: 404 "Task comment with given task id does not exist.", the comment stays', async () => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, 2, comment.id), 404, MSG.commentOfOtherTask);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });
  });

  describe('path ids that are not non-negative integers: 404 routing text', () => {
    let shared: Pair & { comment: TaskComment };

    beforeAll(async () => {
      shared = await withComment();
    });

    it.each(NON_INTEGER_IDS)('relation id %j', async (relationId) => {
      const { mentee, comment } = shared;
      expectMessage(await deleteComment(env, mentee, relationId, 1, comment.id), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      const { mentee, id, comment } = shared;
      expectMessage(await deleteComment(env, mentee, id, taskId, comment.id), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('comment id %j', async (commentId) => {
      const { mentee, id } = shared;
      expectMessage(await deleteComment(env, mentee, id, 1, commentId), 404, MSG.notFoundUrl);
    });

    it('none of them deleted the comment', async () => {
      expect(await listComments(env, shared.mentor, shared.id, 1)).toEqual([shared.comment]);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'DELETE',
    url: '/mentorship_relation/1/task/1/comment/1',
  });
});
