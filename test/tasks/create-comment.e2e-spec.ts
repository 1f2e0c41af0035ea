/**
 * POST /mentorship_relation/{relation_id}/task/{task_id}/comment (reference §2.5 #31, §4.3;
 * tests/task_comments/test_api_create_task_comment.py and the create case of test_dao.py).
 *
 * Order: body (missing → not a string → more than 400 characters not counting whitespace) →
 * relation exists → caller involved (401) → relation ACCEPTED (403) → task exists (404).
 * Listed comments are exactly {id, user_id, user_name, task_id, relation_id, creation_date,
 * modification_date, comment} (user_name beyond the reference).
 */
import {
  acceptedPair,
  achieve,
  act,
  addComment,
  addTask,
  COMMENT_KEYS,
  createRequest,
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
  RELATION_MSG,
  startTasksEnv,
  STATE,
  statusAndBody,
} from './support';

describe('POST /mentorship_relation/{relation_id}/task/{task_id}/comment', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(60));
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

  describe('success', () => {
    it('201 "Task comment was created successfully."; listed exactly, modification_date null (reference test_create_task_comment_api)', async () => {
      const { mentor, mentee, id } = await withTasks();
      const { result: response, date } = await during(() =>
        postComment(env, mentee, id, 1, { comment: 'I will start tomorrow.' }),
      );
      expectMessage(response, 201, MSG.commentCreated);
      const comments = await listComments(env, mentor, id, 1);
      expect(comments).toEqual([
        {
          id: expect.any(Number),
          user_id: mentee.id,
          user_name: mentee.name,
          task_id: 1,
          relation_id: id,
          creation_date: date,
          modification_date: null,
          comment: 'I will start tomorrow.',
        },
      ]);
      expect(Object.keys(comments[0]).sort()).toEqual(COMMENT_KEYS);
      expect(await listComments(env, mentee, id, 1)).toEqual(comments);
    });

    it('both parties comment, on any task, also a done one; task_id is the per-relation task id', async () => {
      const { mentor, mentee, id } = await withTasks();
      await achieve(env, mentor, id, 2);
      const a = await addComment(env, mentor, id, 2, 'well done');
      const b = await addComment(env, mentee, id, 2, 'thanks');
      expect(a).toMatchObject({ user_id: mentor.id, user_name: mentor.name, task_id: 2, relation_id: id });
      expect(b).toMatchObject({ user_id: mentee.id, user_name: mentee.name, task_id: 2, relation_id: id });
      expect(b.id).toBeGreaterThan(a.id);
      expect(await listComments(env, mentee, id, 1)).toEqual([]);
    });

    it('an empty comment is accepted', async () => {
      const { mentor, id } = await withTasks();
      expectMessage(await postComment(env, mentor, id, 1, { comment: '' }), 201, MSG.commentCreated);
      expect((await listComments(env, mentor, id, 1)).map((c) => c.comment)).toEqual(['']);
    });

    it('exactly 400 characters is accepted', async () => {
      const { mentor, id } = await withTasks();
      const text = 'c'.repeat(400);
      expectMessage(await postComment(env, mentor, id, 1, { comment: text }), 201, MSG.commentCreated);
      expect((await listComments(env, mentor, id, 1)).map((c) => c.comment)).toEqual([text]);
    });

    it('whitespace does not count: 400 letters with spaces between them (799 characters) is accepted and kept as sent', async () => {
      const { mentee, id } = await withTasks();
      const text = `${'w '.repeat(399)}w`;
      expect(text).toHaveLength(799);
      expectMessage(await postComment(env, mentee, id, 2, { comment: text }), 201, MSG.commentCreated);
      expect((await listComments(env, mentee, id, 2)).map((c) => c.comment)).toEqual([text]);
    });

    it('400 characters with whitespace around them is accepted', async () => {
      const { mentee, id } = await withTasks();
      expectMessage(
        await postComment(env, mentee, id, 2, { comment: `\n   ${'v'.repeat(400)}\t  ` }),
        201,
        MSG.commentCreated,
      );
      expect(await listComments(env, mentee, id, 2)).toHaveLength(1);
    });

    it('unknown extra fields are ignored (user_id and task_id come from the token and the path)', async () => {
      const { mentor, mentee, id } = await withTasks();
      expectMessage(
        await postComment(env, mentee, id, 1, { comment: 'mine', user_id: mentor.id, task_id: 2, relation_id: 1 }),
        201,
        MSG.commentCreated,
      );
      expect(await listComments(env, mentor, id, 1)).toEqual([
        expect.objectContaining({ user_id: mentee.id, task_id: 1, relation_id: id, comment: 'mine' }),
      ]);
      expect(await listComments(env, mentor, id, 2)).toEqual([]);
    });
  });

  describe('the body is checked first', () => {
    it.each<[string, unknown]>([
      ['{}', {}],
      ['{"text": …}', { text: 'misspelled' }],
      ['{"Comment": …}', { Comment: 'capitalised' }],
    ])(
      'no comment key (%s): 400 "Comment field is missing." (reference test_create_task_comment_api_without_comment)',
      async (_label, body) => {
        const { mentor, id } = await withTasks();
        expectMessage(await postComment(env, mentor, id, 1, body), 400, MSG.commentFieldMissing);
        expect(await listComments(env, mentor, id, 1)).toEqual([]);
      },
    );

    it.each<[string, unknown]>([
      ['a number', 1],
      ['true', true],
      ['null', null],
      ['an array', ['text']],
      ['an object', { text: 'x' }],
    ])(
      'a comment that is %s: 400 "Comment must be in string format." (reference …_with_comment_not_string)',
      async (_label, comment) => {
        const { mentor, id } = await withTasks();
        expectMessage(await postComment(env, mentor, id, 1, { comment }), 400, MSG.commentNotString);
        expect(await listComments(env, mentor, id, 1)).toEqual([]);
      },
    );

    it.each<[string, string]>([
      ['401 characters', 'c'.repeat(401)],
      ['500 characters (reference …_with_comment_too_long)', 'c'.repeat(500)],
      ['401 letters with spaces between them', `${'w '.repeat(400)}w`],
    ])('a comment of %s: 400 "The comment field has to be shorter than 401 characters."', async (_label, comment) => {
      const { mentor, id } = await withTasks();
      expectMessage(await postComment(env, mentor, id, 1, { comment }), 400, MSG.commentTooLong);
      expect(await listComments(env, mentor, id, 1)).toEqual([]);
    });

    it('before the relation, the caller, the state and the task: a stranger on a missing relation gets the body errors', async () => {
      const [stranger] = await pool.take(1);
      expectMessage(await postComment(env, stranger, 987_654, 1, {}), 400, MSG.commentFieldMissing);
      expectMessage(await postComment(env, stranger, 987_654, 1, { comment: 3 }), 400, MSG.commentNotString);
      expectMessage(
        await postComment(env, stranger, 987_654, 1, { comment: 'c'.repeat(401) }),
        400,
        MSG.commentTooLong,
      );
      const { mentor, id } = await withTasks();
      await moveRelation(env, id, STATE.CANCELLED);
      expectMessage(await postComment(env, mentor, id, 99, {}), 400, MSG.commentFieldMissing);
    });
  });

  describe('the relation must exist (reference test_create_task_comment_api_with_relation_not_existing)', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['0', 0],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const [me] = await pool.take(1);
      expectMessage(await postComment(env, me, relationId, 1, { comment: 'hello' }), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await postComment(env, mentor, id, 1, { comment: 'hello' }), 404, MSG.relationMissing);
    });
  });

  describe('the caller must be a party (401, before the state and the task)', () => {
    it('a stranger on an ACCEPTED relation: 401 "You are not involved in this mentorship relation."', async () => {
      const { mentor, id } = await withTasks();
      const [stranger] = await pool.take(1);
      expectMessage(await postComment(env, stranger, id, 1, { comment: 'hi' }), 401, MSG.notInvolved);
      expect(await listComments(env, mentor, id, 1)).toEqual([]);
    });

    it('a stranger on a CANCELLED relation, or on a missing task: still 401', async () => {
      const { mentor, mentee, id } = await withTasks();
      const [stranger] = await pool.take(1);
      expectMessage(await postComment(env, stranger, id, 99, { comment: 'hi' }), 401, MSG.notInvolved);
      await act(env, mentee, id, 'cancel');
      expectMessage(await postComment(env, stranger, id, 1, { comment: 'hi' }), 401, MSG.notInvolved);
      expect(statusAndBody(await getComments(env, mentor, id, 1)).status).toBe(403);
    });

    it('a token of a deleted account: refused (404 "User does not exist." or 401)', async () => {
      const { mentor, id } = await withTasks();
      expectDeletedCallerRefused(await postComment(env, await deletedUserToken(env), id, 1, { comment: 'boo' }));
      expect(await listComments(env, mentor, id, 1)).toEqual([]);
    });
  });

  describe('the relation must be ACCEPTED (403, before the task) (reference …_with_relation_not_accepted)', () => {
    it.each(NON_ACCEPTED_STATES)(
      'a relation moved to %s: 403 "This mentorship relation status is not in the accepted state." for both parties',
      async (_name, state) => {
        const { mentor, mentee, id } = await withTasks();
        await moveRelation(env, id, state);
        for (const party of [mentor, mentee]) {
          expectMessage(await postComment(env, party, id, 1, { comment: 'too late' }), 403, MSG.notAccepted);
        }
      },
    );

    it('a relation cancelled through the API; also for a missing task (state before task)', async () => {
      const { mentor, mentee, id } = await withTasks();
      await act(env, mentor, id, 'cancel');
      expectMessage(await postComment(env, mentee, id, 2, { comment: 'too late' }), 403, MSG.notAccepted);
      expectMessage(await postComment(env, mentee, id, 99, { comment: 'too late' }), 403, MSG.notAccepted);
    });

    it('a PENDING request without tasks: 403', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await postComment(env, mentor, id, 1, { comment: 'early' }), 403, MSG.notAccepted);
    });
  });

  describe('the task must exist (reference test_create_task_comment_api_with_task_not_existing)', () => {
    it.each<[string, number | string]>([
      ['0', 0],
      ['3, never created', 3],
      ['987654', 987_654],
      ['a 20-digit id', '99999999999999999999'],
    ])('task %s: 404 "Task does not exist."', async (_label, taskId) => {
      const { mentee, id } = await withTasks();
      expectMessage(await postComment(env, mentee, id, taskId, { comment: 'where?' }), 404, MSG.taskMissing);
    });

    it('a deleted task: 404', async () => {
      const { mentor, mentee, id } = await withTasks();
      expectMessage(await deleteTask(env, mentor, id, 2), 200, MSG.taskDeleted);
      expectMessage(await postComment(env, mentee, id, 2, { comment: 'where?' }), 404, MSG.taskMissing);
    });

    it("the id of another relation's task: 404", async () => {
      const one = await acceptedPair(env, pool);
      const two = await withTasks();
      await addTask(env, one.mentor, one.id, 'only one');
      expectMessage(await postComment(env, one.mentee, one.id, 2, { comment: 'where?' }), 404, MSG.taskMissing);
      expect(await listComments(env, two.mentor, two.id, 2)).toEqual([]);
    });
  });

  describe('path ids that are not non-negative integers: 404 routing text', () => {
    let shared: Pair;

    beforeAll(async () => {
      shared = await withTasks();
    });

    it.each(NON_INTEGER_IDS)('relation id %j', async (relationId) => {
      expectMessage(await postComment(env, shared.mentor, relationId, 1, { comment: 'x' }), 404, MSG.notFoundUrl);
    });

    it.each(NON_INTEGER_IDS)('task id %j', async (taskId) => {
      expectMessage(await postComment(env, shared.mentor, shared.id, taskId, { comment: 'x' }), 404, MSG.notFoundUrl);
    });

    it('none of them made a comment', async () => {
      expect(await listComments(env, shared.mentee, shared.id, 1)).toEqual([]);
      expect(await listComments(env, shared.mentee, shared.id, 2)).toEqual([]);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'POST',
    url: '/mentorship_relation/1/task/1/comment',
    payload: { comment: 'a comment' },
  });
});
