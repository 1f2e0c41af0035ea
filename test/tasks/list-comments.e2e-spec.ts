/**
 * GET /mentorship_relation/{relation_id}/task/{task_id}/comments/ (also without the trailing slash)
 * (reference §2.5 #34, §4.3; tests/task_comments/test_api_get_task_comments.py and the find cases of
 * test_dao.py).
 *
 * Order: relation exists → caller involved (401) → relation ACCEPTED (403, listing too) → task exists.
 * Items are exactly {id, user_id, user_name, task_id, relation_id, creation_date, modification_date,
 * comment}, in creation order, only this task's of this relation; without page/per_page, all of them.
 */
import {
  acceptedPair,
  act,
  addComment,
  addTask,
  COMMENT_KEYS,
  createRequest,
  type DateMatcher,
  deleteComment,
  deleteRelation,
  deleteTask,
  deletedUserToken,
  during,
  expectDeletedCallerRefused,
  expectMessage,
  getComments,
  itRejectsMissingExpiredAndInvalidTokens,
  listComments,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  NON_ACCEPTED_STATES,
  NON_INTEGER_IDS,
  type Pair,
  postComment,
  putComment,
  RELATION_MSG,
  startTasksEnv,
  statusAndBody,
} from './support';

describe('GET /mentorship_relation/{relation_id}/task/{task_id}/comments/', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(50));
  });

  afterAll(async () => {
    await env?.close();
  });

  /** An ACCEPTED relation with two tasks (1 by the mentor, 2 by the mentee). */
  async function withTasks(): Promise<Pair> {
    const pair = await acceptedPair(env, pool);
    await addTask(env, pair.mentor, pair.id, 'task one');
    await addTask(env, pair.mentee, pair.id, 'task two');
    return pair;
  }

  describe('two relations, each with tasks 1 and 2 and comments on them', () => {
    let one: Pair;
    let two: Pair;
    const dates: Record<string, DateMatcher> = {};

    beforeAll(async () => {
      one = await withTasks();
      two = await withTasks();
      const post = async (key: string, pair: Pair, who: 'mentor' | 'mentee', taskId: number) => {
        const { result, date } = await during(() => postComment(env, pair[who], pair.id, taskId, { comment: key }));
        expectMessage(result, 201, MSG.commentCreated);
        dates[key] = date;
      };
      await post('one-1 by the mentee', one, 'mentee', 1);
      await post('two-1 by the mentor', two, 'mentor', 1);
      await post('one-1 by the mentor', one, 'mentor', 1);
      await post('one-2 by the mentor', one, 'mentor', 2);
      await post('one-1 by the mentee again', one, 'mentee', 1);
    });

    const expected = (key: string, pair: Pair, who: 'mentor' | 'mentee', taskId: number) => ({
      id: expect.any(Number),
      user_id: pair[who].id,
      user_name: pair[who].name,
      task_id: taskId,
      relation_id: pair.id,
      creation_date: dates[key],
      modification_date: null,
      comment: key,
    });

    it("exactly this task's comments, in creation order, with both authors' names (reference test_get_task_comments_api)", async () => {
      const comments = await listComments(env, one.mentor, one.id, 1);
      expect(comments).toEqual([
        expected('one-1 by the mentee', one, 'mentee', 1),
        expected('one-1 by the mentor', one, 'mentor', 1),
        expected('one-1 by the mentee again', one, 'mentee', 1),
      ]);
      for (const comment of comments) expect(Object.keys(comment).sort()).toEqual(COMMENT_KEYS);
      const ids = comments.map((c) => c.id);
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });

    it('both parties see the same list', async () => {
      expect(await listComments(env, one.mentee, one.id, 1)).toEqual(await listComments(env, one.mentor, one.id, 1));
    });

    it('the other task of the same relation has only its own comment', async () => {
      expect(await listComments(env, one.mentee, one.id, 2)).toEqual([
        expected('one-2 by the mentor', one, 'mentor', 2),
      ]);
    });

    it('task 1 of the other relation has only its own comment (task ids are per relation)', async () => {
      expect(await listComments(env, two.mentee, two.id, 1)).toEqual([
        expected('two-1 by the mentor', two, 'mentor', 1),
      ]);
      expect(await listComments(env, two.mentor, two.id, 2)).toEqual([]);
    });

    it('with or without the trailing slash: the same answer', async () => {
      const withSlash = await getComments(env, one.mentor, one.id, 1, true);
      const withoutSlash = await getComments(env, one.mentor, one.id, 1, false);
      expect(statusAndBody(withoutSlash)).toEqual(statusAndBody(withSlash));
      expect(statusAndBody(withSlash).status).toBe(200);
      expect(withSlash.json()).toHaveLength(3);
    });

    it('a party of the other relation: 401 "You are not involved in this mentorship relation."', async () => {
      expectMessage(await getComments(env, two.mentor, one.id, 1), 401, MSG.notInvolved);
      expectMessage(await getComments(env, one.mentee, two.id, 1, false), 401, MSG.notInvolved);
    });
  });

  it('a task without comments: []', async () => {
    const { mentor, mentee, id } = await withTasks();
    expect(statusAndBody(await getComments(env, mentor, id, 1))).toEqual({ status: 200, body: [] });
    expect(statusAndBody(await getComments(env, mentee, id, 2, false))).toEqual({ status: 200, body: [] });
  });

  it('without page or per_page, every comment is listed (30 of them), in creation order', async () => {
    const { mentor, mentee, id } = await withTasks();
    const texts = Array.from({ length: 30 }, (_, i) => `comment number ${i + 1}`);
    for (const [i, text] of texts.entries()) {
      expectMessage(await postComment(env, i % 3 ? mentor : mentee, id, 2, { comment: text }), 201, MSG.commentCreated);
    }
    const comments = await listComments(env, mentee, id, 2);
    expect(comments.map((c) => c.comment)).toEqual(texts);
    expect(comments.map((c) => c.user_id)).toEqual(texts.map((_, i) => (i % 3 ? mentor.id : mentee.id)));
  });

  it('a modified comment shows its new text and modification_date; a deleted one is gone; the order stays', async () => {
    const { mentor, mentee, id } = await withTasks();
    const a = await addComment(env, mentor, id, 1, 'a');
    const b = await addComment(env, mentee, id, 1, 'b');
    const c = await addComment(env, mentor, id, 1, 'c');
    const { result, date } = await during(() => putComment(env, mentor, id, 1, a.id, { comment: 'a, edited' }));
    expectMessage(result, 200, MSG.commentUpdated);
    expectMessage(await deleteComment(env, mentee, id, 1, b.id), 200, MSG.commentDeleted);
    expect(await listComments(env, mentee, id, 1)).toEqual([
      { ...a, comment: 'a, edited', modification_date: date },
      c,
    ]);
  });

  describe('the relation must be ACCEPTED, even to list (403) (reference test_get_task_comments_api_with_relation_not_accepted)', () => {
    it.each(NON_ACCEPTED_STATES)('a relation moved to %s: 403 for both parties', async (_name, state) => {
      const { mentor, mentee, id } = await withTasks();
      await addComment(env, mentor, id, 1, 'said while it lasted');
      await moveRelation(env, id, state);
      for (const party of [mentor, mentee]) {
        expectMessage(await getComments(env, party, id, 1), 403, MSG.notAccepted);
      }
    });

    it('a relation cancelled through the API: 403, also for a missing task (state before task)', async () => {
      const { mentor, mentee, id } = await withTasks();
      await addComment(env, mentee, id, 2, 'bye');
      await act(env, mentee, id, 'cancel');
      expectMessage(await getComments(env, mentor, id, 2), 403, MSG.notAccepted);
      expectMessage(await getComments(env, mentor, id, 2, false), 403, MSG.notAccepted);
      expectMessage(await getComments(env, mentor, id, 99), 403, MSG.notAccepted);
    });

    it('a PENDING request: 403', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await getComments(env, mentor, id, 1), 403, MSG.notAccepted);
    });
  });

  describe('the task must exist (reference test_get_task_comments_api_with_task_not_existing)', () => {
    it.each<[string, number | string]>([
      ['0', 0],
      ['3, never created', 3],
      ['987654', 987_654],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist."', async (_label, taskId) => {
      const { mentee, id } = await withTasks();
      expectMessage(await getComments(env, mentee, id, taskId), 404, MSG.taskMissing);
      expectMessage(await getComments(env, mentee, id, taskId, false), 404, MSG.taskMissing);
    });

    it('a deleted task: 404', async () => {
      const { mentor, mentee, id } = await withTasks();
      await addComment(env, mentor, id, 2, 'on a doomed task');
      expectMessage(await deleteTask(env, mentee, id, 2), 200, MSG.taskDeleted);
      expectMessage(await getComments(env, mentor, id, 2), 404, MSG.taskMissing);
    });
  });

  describe('the caller must be a party (401, before the state and the task)', () => {
    it('a stranger: 401, on an ACCEPTED relation, a missing task, a CANCELLED relation', async () => {
      const { mentor, id } = await withTasks();
      await addComment(env, mentor, id, 1, 'private');
      const [stranger] = await pool.take(1);
      expectMessage(await getComments(env, stranger, id, 1), 401, MSG.notInvolved);
      expectMessage(await getComments(env, stranger, id, 99), 401, MSG.notInvolved);
      await act(env, mentor, id, 'cancel');
      expectMessage(await getComments(env, stranger, id, 1), 401, MSG.notInvolved);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401), never a list', async () => {
      const { mentor, id } = await withTasks();
      await addComment(env, mentor, id, 1, 'private');
      expectDeletedCallerRefused(await getComments(env, await deletedUserToken(env), id, 1));
    });
  });

  describe('the relation must exist (reference test_get_task_comments_api_with_relation_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const [me] = await pool.take(1);
      expectMessage(await getComments(env, me, relationId, 1), 404, MSG.relationMissing);
      expectMessage(await getComments(env, me, relationId, 1, false), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await getComments(env, mentor, id, 1), 404, MSG.relationMissing);
    });
  });

  describe('path ids that are not non-negative integers: 404 routing text', () => {
    let shared: Pair;

    beforeAll(async () => {
      shared = await withTasks();
    });

    it.each(NON_INTEGER_IDS)('relation id %j', async (relationId) => {
      expectMessage(await getComments(env, shared.mentor, relationId, 1), 404, MSG.notFoundUrl);
      expectMessage(await getComments(env, shared.mentor, relationId, 1, false), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      expectMessage(await getComments(env, shared.mentor, shared.id, taskId), 404, MSG.notFoundUrl);
      expectMessage(await getComments(env, shared.mentor, shared.id, taskId, false), 404, MSG.notFoundUrl);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'GET',
    url: '/mentorship_relation/1/task/1/comments/',
  });
  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'GET',
    url: '/mentorship_relation/1/task/1/comments',
  });
});
