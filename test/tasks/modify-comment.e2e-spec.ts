/**
 * PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id} (reference §2.5 #32,
 * §4.3; tests/task_comments/test_api_modify_task_comment.py and the modify case of test_dao.py).
 *
 * Order: body (missing → not a string → too long) → relation exists → caller involved (401) →
 * relation ACCEPTED (403) → task exists (404) → comment exists (404) → caller is the author (403) →
 * comment belongs to this task (404).
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
  during,
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
  sleep,
  startTasksEnv,
  STATE,
  type TaskComment,
} from './support';

describe('PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}', () => {
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
    const comment = await addComment(env, pair.mentee, pair.id, 1, 'the original text');
    return { ...pair, comment };
  }

  describe('success', () => {
    it('the author edits: 200 "Task comment was updated successfully.", new text, modification_date now, the rest unchanged (reference test_modify_task_comment_api)', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      const other = await addComment(env, mentor, id, 1, 'a reply');
      await sleep(10);
      const { result, date } = await during(() =>
        putComment(env, mentee, id, 1, comment.id, { comment: 'the edited text' }),
      );
      expectMessage(result, 200, MSG.commentUpdated);
      const comments = await listComments(env, mentor, id, 1);
      expect(comments).toEqual([{ ...comment, comment: 'the edited text', modification_date: date }, other]);
      expect(comments[0].modification_date!).toBeGreaterThan(comments[0].creation_date);
    });

    it('a second edit moves modification_date on; creation_date never changes', async () => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: 'v2' }), 200, MSG.commentUpdated);
      const [v2] = await listComments(env, mentee, id, 1);
      await sleep(15);
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: 'v3' }), 200, MSG.commentUpdated);
      const [v3] = await listComments(env, mentee, id, 1);
      expect(v3).toEqual({ ...comment, comment: 'v3', modification_date: expect.any(Number) });
      expect(v3.modification_date!).toBeGreaterThan(v2.modification_date!);
    });

    it('the same text again, an empty text, 400 characters, 400 letters spaced out: all accepted', async () => {
      const { mentee, id, comment } = await withComment();
      const spaced = `${'s '.repeat(399)}s`;
      for (const text of ['the original text', '', 'm'.repeat(400), spaced]) {
        expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: text }), 200, MSG.commentUpdated);
        expect((await listComments(env, mentee, id, 1)).map((c) => c.comment)).toEqual([text]);
      }
    });

    it("the mentor edits its own comment on the mentee's task", async () => {
      const { mentor, mentee, id } = await withComment();
      const mine = await addComment(env, mentor, id, 2, 'first thought');
      expectMessage(
        await putComment(env, mentor, id, 2, mine.id, { comment: 'second thought' }),
        200,
        MSG.commentUpdated,
      );
      expect((await listComments(env, mentee, id, 2)).map((c) => [c.user_id, c.comment])).toEqual([
        [mentor.id, 'second thought'],
      ]);
    });
  });

  describe('the body is checked first', () => {
    it.each<[string, unknown]>([
      ['{}', {}],
      ['{"text": …}', { text: 'misspelled' }],
    ])('no comment key (%s): 400 "Comment field is missing." (reference …_without_comment)', async (_label, body) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await putComment(env, mentee, id, 1, comment.id, body), 400, MSG.commentFieldMissing);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it.each<[string, unknown]>([
      ['a number', 1],
      ['true', true],
      ['null', null],
      ['an array', ['text']],
      ['an object', { text: 'x' }],
    ])(
      'a comment that is %s: 400 "Comment must be in string format." (reference …_with_comment_not_string)',
      async (_label, text) => {
        const { mentee, id, comment } = await withComment();
        expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: text }), 400, MSG.commentNotString);
        expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
      },
    );

    it.each<[string, string]>([
      ['401 characters', 'c'.repeat(401)],
      ['500 characters (reference …_with_comment_too_long)', 'c'.repeat(500)],
      ['401 letters with spaces between them', `${'w '.repeat(400)}w`],
    ])('a comment of %s: 400 "The comment field has to be shorter than 401 characters."', async (_label, text) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: text }), 400, MSG.commentTooLong);
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('before everything else: a stranger, a missing relation, a missing comment still get the body errors', async () => {
      const [stranger] = await pool.take(1);
      expectMessage(await putComment(env, stranger, 987_654, 1, 987_654, {}), 400, MSG.commentFieldMissing);
      expectMessage(await putComment(env, stranger, 987_654, 1, 987_654, { comment: 5 }), 400, MSG.commentNotString);
      expectMessage(
        await putComment(env, stranger, 987_654, 1, 987_654, { comment: 'c'.repeat(401) }),
        400,
        MSG.commentTooLong,
      );
      const { mentor, id, comment } = await withComment();
      expectMessage(await putComment(env, mentor, id, 1, comment.id, {}), 400, MSG.commentFieldMissing);
    });
  });

  describe('the relation must exist (reference …_with_relation_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const { mentee, comment } = await withComment();
      expectMessage(
        await putComment(env, mentee, relationId, 1, comment.id, { comment: 'x' }),
        404,
        MSG.relationMissing,
      );
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await putComment(env, mentee, id, 1, 1, { comment: 'x' }), 404, MSG.relationMissing);
    });
  });

  describe('the caller must be a party (401)', () => {
    it('a stranger: 401 "You are not involved in this mentorship relation.", also with a missing task or comment, or a CANCELLED relation', async () => {
      const { mentee, id, comment } = await withComment();
      const [stranger] = await pool.take(1);
      expectMessage(await putComment(env, stranger, id, 1, comment.id, { comment: 'x' }), 401, MSG.notInvolved);
      expectMessage(await putComment(env, stranger, id, 99, comment.id, { comment: 'x' }), 401, MSG.notInvolved);
      expectMessage(await putComment(env, stranger, id, 1, 987_654, { comment: 'x' }), 401, MSG.notInvolved);
      await moveRelation(env, id, STATE.CANCELLED);
      expectMessage(await putComment(env, stranger, id, 1, comment.id, { comment: 'x' }), 401, MSG.notInvolved);
      expect(comment.user_id).toBe(mentee.id);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401)', async () => {
      const { mentee, id, comment } = await withComment();
      expectDeletedCallerRefused(
        await putComment(env, await deletedUserToken(env), id, 1, comment.id, { comment: 'x' }),
      );
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });
  });

  describe('the relation must be ACCEPTED (403) (reference …_with_relation_not_accepted)', () => {
    it.each(NON_ACCEPTED_STATES)('a relation moved to %s: 403, even for the author', async (_name, state) => {
      const { mentee, id, comment } = await withComment();
      await moveRelation(env, id, state);
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: 'x' }), 403, MSG.notAccepted);
    });

    it('a relation cancelled through the API: 403 before the task, the comment and the author checks', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      await act(env, mentor, id, 'cancel');
      expectMessage(await putComment(env, mentee, id, 99, comment.id, { comment: 'x' }), 403, MSG.notAccepted);
      expectMessage(await putComment(env, mentee, id, 1, 987_654, { comment: 'x' }), 403, MSG.notAccepted);
      expectMessage(await putComment(env, mentor, id, 1, comment.id, { comment: 'x' }), 403, MSG.notAccepted);
    });
  });

  describe('the task must exist (reference …_with_task_not_existing)', () => {
    it.each<[string, number | string]>([
      ['0', 0],
      ['3, never created', 3],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist." (before the comment checks)', async (_label, taskId) => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await putComment(env, mentee, id, taskId, comment.id, { comment: 'x' }), 404, MSG.taskMissing);
      expectMessage(await putComment(env, mentee, id, taskId, 987_654, { comment: 'x' }), 404, MSG.taskMissing);
    });

    it('a deleted task: 404 "Task does not exist."', async () => {
      const { mentor, mentee, id } = await withComment();
      const onTwo = await addComment(env, mentee, id, 2, 'on task two');
      expectMessage(await deleteTask(env, mentor, id, 2), 200, MSG.taskDeleted);
      expectMessage(await putComment(env, mentee, id, 2, onTwo.id, { comment: 'x' }), 404, MSG.taskMissing);
    });
  });

  describe('the comment must exist (reference …_with_comment_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('comment %s: 404 "Task comment does not exist."', async (_label, commentId) => {
      const { mentee, id } = await withComment();
      expectMessage(await putComment(env, mentee, id, 1, commentId, { comment: 'x' }), 404, MSG.commentMissing);
    });

    it('a deleted comment: 404', async () => {
      const { mentee, id, comment } = await withComment();
      expectMessage(await deleteComment(env, mentee, id, 1, comment.id), 200, MSG.commentDeleted);
      expectMessage(await putComment(env, mentee, id, 1, comment.id, { comment: 'x' }), 404, MSG.commentMissing);
    });
  });

  describe('only the author (reference …_not_created_by_user)', () => {
    it('the other party: 403 "You have not created the comment and therefore cannot modify it.", text unchanged', async () => {
      const { mentor, mentee, id, comment } = await withComment();
      expectMessage(
        await putComment(env, mentor, id, 1, comment.id, { comment: 'hijacked' }),
        403,
        MSG.commentNotYoursModify,
      );
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
    });

    it('the author check comes before the task check: the other party through another task still gets 403', async () => {
      const { mentor, id, comment } = await withComment();
      expectMessage(
        await putComment(env, mentor, id, 2, comment.id, { comment: 'hijacked' }),
        403,
        MSG.commentNotYoursModify,
      );
    });
  });

  describe("the comment must be this task's (reference …_with_wrong_task_id)", () => {
    it('the author through another task of the relation: 404 "Task comment with given task id does not exist.", text unchanged', async () => {
      const { mentee, id, comment } = await withComment();
      expectMessage(
        await putComment(env, mentee, id, 2, comment.id, { comment: 'moved?' }),
        404,
        MSG.commentOfOtherTask,
      );
      expect(await listComments(env, mentee, id, 1)).toEqual([comment]);
      expect(await listComments(env, mentee, id, 2)).toEqual([]);
    });
  });

  describe('path ids that are not non-negative integers: 404 routing text', () => {
    let shared: Pair & { comment: TaskComment };

    beforeAll(async () => {
      shared = await withComment();
    });

    it.each(NON_INTEGER_IDS)('relation id %j', async (relationId) => {
      const { mentee, comment } = shared;
      expectMessage(await putComment(env, mentee, relationId, 1, comment.id, { comment: 'x' }), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      const { mentee, id, comment } = shared;
      expectMessage(await putComment(env, mentee, id, taskId, comment.id, { comment: 'x' }), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('comment id %j', async (commentId) => {
      const { mentee, id } = shared;
      expectMessage(await putComment(env, mentee, id, 1, commentId, { comment: 'x' }), 404, MSG.notFoundUrl);
    });

    it('none of them changed the comment', async () => {
      expect(await listComments(env, shared.mentor, shared.id, 1)).toEqual([shared.comment]);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'PUT',
    url: '/mentorship_relation/1/task/1/comment/1',
    payload: { comment: 'a comment' },
  });
});
