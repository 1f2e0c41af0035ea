/**
 * POST /mentorship_relation/{relation_id}/task (reference §2.4 #27, §4.2; tests/tasks/test_api_create_task.py
 * and the HTTP-observable cases of test_dao_create_task.py). The intended behaviour, not the HEAD 500
 * (§0). Beyond the reference: the description must be a string of 1–400 characters once trimmed, is
 * stored trimmed, a deleted caller gets 404 "User does not exist.", and each task shows created_by.
 *
 * Order: body (missing → type → length) → relation exists → caller exists → relation ACCEPTED →
 * caller involved.
 */
import {
  acceptedPair,
  act,
  addTask,
  createCancelled,
  createCompleted,
  createRejected,
  createRequest,
  deleteRelation,
  deletedUserToken,
  during,
  expectMessage,
  getTasks,
  itRejectsMissingExpiredAndInvalidTokens,
  listTasks,
  type MemberPool,
  type MentorshipEnv,
  MSG,
  NON_INTEGER_IDS,
  postTask,
  RELATION_MSG,
  sessionlessAccessToken,
  startTasksEnv,
  statusAndBody,
  TASK_KEYS,
} from './support';

describe('POST /mentorship_relation/{relation_id}/task', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(40));
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('success', () => {
    it('the mentor creates a task: 201 "Task was created successfully.", listed with id 1, created_by, completed_at null', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const { result: response, date } = await during(() =>
        postTask(env, mentor, id, { description: 'Read the contributing guide' }),
      );
      expectMessage(response, 201, MSG.taskCreated);

      const tasks = await listTasks(env, mentor, id);
      expect(tasks).toEqual([
        {
          id: 1,
          description: 'Read the contributing guide',
          created_at: date,
          completed_at: null,
          created_by: mentor.id,
        },
      ]);
      expect(Object.keys(tasks[0]).sort()).toEqual(TASK_KEYS);
      expect(await listTasks(env, mentee, id)).toEqual(tasks);
    });

    it('either party creates tasks; ids follow 1, 2, 3 in creation order (reference test_full_task_creation_api: the third is id 3, not done)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'first');
      await addTask(env, mentee, id, 'second');
      expectMessage(await postTask(env, mentee, id, { description: 'third' }), 201, MSG.taskCreated);
      const tasks = await listTasks(env, mentor, id);
      expect(
        tasks.map(({ id: taskId, description, created_by, completed_at }) => ({
          taskId,
          description,
          created_by,
          completed_at,
        })),
      ).toEqual([
        { taskId: 1, description: 'first', created_by: mentor.id, completed_at: null },
        { taskId: 2, description: 'second', created_by: mentee.id, completed_at: null },
        { taskId: 3, description: 'third', created_by: mentee.id, completed_at: null },
      ]);
      expect(tasks[0].created_at).toBeLessThanOrEqual(tasks[1].created_at);
      expect(tasks[1].created_at).toBeLessThanOrEqual(tasks[2].created_at);
    });

    it('task ids are per relation: another relation starts again at 1', async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      await addTask(env, one.mentor, one.id, 'one-a');
      await addTask(env, one.mentor, one.id, 'one-b');
      await addTask(env, two.mentee, two.id, 'two-a');
      expect((await listTasks(env, one.mentee, one.id)).map((t) => [t.id, t.description])).toEqual([
        [1, 'one-a'],
        [2, 'one-b'],
      ]);
      expect((await listTasks(env, two.mentor, two.id)).map((t) => [t.id, t.description])).toEqual([[1, 'two-a']]);
    });

    it('the description is stored trimmed', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      expectMessage(
        await postTask(env, mentor, id, { description: '  \t Write a blog post \n ' }),
        201,
        MSG.taskCreated,
      );
      expect((await listTasks(env, mentor, id)).map((t) => t.description)).toEqual(['Write a blog post']);
    });

    it('inner whitespace is kept as it is', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      expectMessage(await postTask(env, mentor, id, { description: 'two  spaces\nand a line' }), 201, MSG.taskCreated);
      expect((await listTasks(env, mentor, id)).map((t) => t.description)).toEqual(['two  spaces\nand a line']);
    });

    it('1 and exactly 400 characters are accepted, also with whitespace around them', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const longest = 'x'.repeat(400);
      expectMessage(await postTask(env, mentor, id, { description: 'y' }), 201, MSG.taskCreated);
      expectMessage(await postTask(env, mentor, id, { description: longest }), 201, MSG.taskCreated);
      expectMessage(await postTask(env, mentor, id, { description: `   ${longest}\n\t ` }), 201, MSG.taskCreated);
      expect((await listTasks(env, mentor, id)).map((t) => t.description)).toEqual(['y', longest, longest]);
    });

    it('unknown extra fields are ignored', async () => {
      const { mentee, id } = await acceptedPair(env, pool);
      expectMessage(
        await postTask(env, mentee, id, { description: 'with extras', is_done: true, id: 99, created_by: 1 }),
        201,
        MSG.taskCreated,
      );
      expect(await listTasks(env, mentee, id)).toEqual([
        expect.objectContaining({ id: 1, description: 'with extras', completed_at: null, created_by: mentee.id }),
      ]);
    });
  });

  describe('the body is checked first', () => {
    it.each<[string, unknown]>([
      ['{}', {}],
      ['{"desc": …}', { desc: 'misspelled' }],
      ['{"Description": …}', { Description: 'capitalised' }],
    ])(
      'no description key (%s): 400 "Description field is missing." (reference test_create_task_api_without_description)',
      async (_label, body) => {
        const { mentor, id } = await acceptedPair(env, pool);
        expectMessage(await postTask(env, mentor, id, body), 400, MSG.descriptionMissing);
        expect(await listTasks(env, mentor, id)).toEqual([]);
      },
    );

    it.each<[string, unknown]>([
      ['a number', 42],
      ['true', true],
      ['null', null],
      ['an array', ['a task']],
      ['[]', []],
      ['an object', { text: 'a task' }],
    ])('a description that is %s: 400 "The description field must be a string."', async (_label, description) => {
      const { mentor, id } = await acceptedPair(env, pool);
      expectMessage(await postTask(env, mentor, id, { description }), 400, MSG.descriptionNotString);
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it.each<[string, string]>([
      ['empty', ''],
      ['one space', ' '],
      ['only whitespace', ' \t\n  \r\n'],
      ['401 characters', 'x'.repeat(401)],
      ['401 characters after trimming (inner spaces count)', ` ${'a '.repeat(200)}a `],
      ['1000 characters', 'z'.repeat(1000)],
    ])('a description %s: 400 with the length text', async (_label, description) => {
      const { mentor, id } = await acceptedPair(env, pool);
      expectMessage(await postTask(env, mentor, id, { description }), 400, MSG.descriptionLength);
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it('the body comes before the relation, the caller and the state: a stranger on a missing relation gets the body errors', async () => {
      const [stranger] = await pool.take(1);
      const gone = await deletedUserToken(env);
      for (const caller of [stranger, gone]) {
        expectMessage(await postTask(env, caller, 987_654, {}), 400, MSG.descriptionMissing);
        expectMessage(await postTask(env, caller, 987_654, { description: 7 }), 400, MSG.descriptionNotString);
        expectMessage(await postTask(env, caller, 987_654, { description: '' }), 400, MSG.descriptionLength);
      }
      const [mentor, mentee] = await pool.take(2);
      const cancelled = await createCancelled(env, mentee, mentor, mentee);
      expectMessage(await postTask(env, stranger, cancelled, {}), 400, MSG.descriptionMissing);
      expectMessage(await postTask(env, stranger, cancelled, { description: '   ' }), 400, MSG.descriptionLength);
    });
  });

  describe('the relation must exist', () => {
    it.each<[string, number | string]>([
      ['987654', 987_654],
      ['100 (reference test_create_task_api_resource_non_existing_relation)', 100],
      ['0', 0],
      ['2147483648', 2147483648],
      ['a 20-digit id', '99999999999999999999'],
    ])('relation %s: 404 "Mentorship relation does not exist."', async (_label, relationId) => {
      const [me] = await pool.take(1);
      expectMessage(await postTask(env, me, relationId, { description: 'a task' }), 404, MSG.relationMissing);
    });

    it('a request deleted by its sender: 404', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, RELATION_MSG.deleted);
      expectMessage(await postTask(env, mentee, id, { description: 'a task' }), 404, MSG.relationMissing);
    });

    it.each(NON_INTEGER_IDS)(
      'a relation id %j that is not a non-negative integer: 404 routing text',
      async (relationId) => {
        const [me] = await pool.take(1);
        expectMessage(await postTask(env, me, relationId, { description: 'a task' }), 404, MSG.notFoundUrl);
      },
    );
  });

  describe('the caller must still exist (beyond the reference guard: a token of a deleted account)', () => {
    it('an ACCEPTED relation of others: 404 "User does not exist."', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const gone = await deletedUserToken(env);
      expectMessage(await postTask(env, gone, id, { description: 'a task' }), 404, MSG.userDoesNotExist);
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it('checked after the relation exists, before its state', async () => {
      const gone = await deletedUserToken(env);
      expectMessage(await postTask(env, gone, 987_654, { description: 'a task' }), 404, MSG.relationMissing);
      const [mentor, mentee] = await pool.take(2);
      const cancelled = await createCancelled(env, mentee, mentor, mentee);
      expectMessage(await postTask(env, gone, cancelled, { description: 'a task' }), 404, MSG.userDoesNotExist);
    });

    it('a party who deleted the account: its relation is no longer ACCEPTED, and the token answers 404 "User does not exist."', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      const response = await env.test.app.inject({
        method: 'DELETE',
        url: '/user',
        headers: { authorization: `Bearer ${mentee.accessToken}` },
      });
      expect(statusAndBody(response).status).toBe(200);
      expectMessage(
        await postTask(env, { accessToken: sessionlessAccessToken(mentee.id) }, id, { description: 'a task' }),
        404,
        MSG.userDoesNotExist,
      );
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });
  });

  describe('the relation must be ACCEPTED (reference test_dao_create_task non-accepted relation)', () => {
    it('a PENDING request: 403 for both parties', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      for (const party of [mentor, mentee]) {
        expectMessage(await postTask(env, party, id, { description: 'too early' }), 403, MSG.notAccepted);
      }
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it.each([
      ['REJECTED', createRejected],
      ['CANCELLED', createCancelled],
      ['COMPLETED', createCompleted],
    ] as const)('a %s relation: 403 for both parties', async (_state, create) => {
      const [mentor, mentee] = await pool.take(2);
      const id = await create(env, mentee, mentor, mentee);
      for (const party of [mentor, mentee]) {
        expectMessage(await postTask(env, party, id, { description: 'too late' }), 403, MSG.notAccepted);
      }
      expect(await listTasks(env, mentee, id)).toEqual([]);
    });

    it('a relation cancelled after some tasks: no more tasks, the old ones stay', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'before the end');
      await act(env, mentee, id, 'cancel');
      expectMessage(await postTask(env, mentor, id, { description: 'after the end' }), 403, MSG.notAccepted);
      expect((await listTasks(env, mentor, id)).map((t) => t.description)).toEqual(['before the end']);
    });

    it('the state is checked before involvement: a stranger on a CANCELLED relation gets 403 "not in the accepted state"', async () => {
      const [mentor, mentee, stranger] = await pool.take(3);
      const id = await createCancelled(env, mentee, mentor, mentee);
      expectMessage(await postTask(env, stranger, id, { description: 'a task' }), 403, MSG.notAccepted);
    });
  });

  describe('the caller must be a party (reference test_create_task_api_not_in_relation)', () => {
    it('a stranger on an ACCEPTED relation: 403 "You are not involved in this mentorship relation."', async () => {
      const { mentor, id } = await acceptedPair(env, pool);
      const [stranger] = await pool.take(1);
      expectMessage(await postTask(env, stranger, id, { description: 'intrusion' }), 403, MSG.notInvolved);
      expect(await listTasks(env, mentor, id)).toEqual([]);
    });

    it('a party of another ACCEPTED relation: 403, and nothing lands in either relation', async () => {
      const one = await acceptedPair(env, pool);
      const two = await acceptedPair(env, pool);
      expectMessage(await postTask(env, two.mentor, one.id, { description: 'wrong one' }), 403, MSG.notInvolved);
      expect(await listTasks(env, one.mentor, one.id)).toEqual([]);
      expect(await listTasks(env, two.mentor, two.id)).toEqual([]);
    });
  });

  it('refused attempts do not use up task ids: the next task is still 1', async () => {
    const { mentor, mentee, id } = await acceptedPair(env, pool);
    const [stranger] = await pool.take(1);
    await postTask(env, mentor, id, { description: '' });
    await postTask(env, mentor, id, {});
    await postTask(env, stranger, id, { description: 'intrusion' });
    await addTask(env, mentee, id, 'the first real one');
    expect((await listTasks(env, mentor, id)).map((t) => t.id)).toEqual([1]);
  });

  it('a body that is not a JSON object: a 4xx with a {message}, never a 5xx, and no task', async () => {
    const { mentor, id } = await acceptedPair(env, pool);
    for (const body of [null, [], 'a task', 42]) {
      const response = await postTask(env, mentor, id, body);
      expect({ body, clientError: response.statusCode >= 400 && response.statusCode < 500 }).toEqual({
        body,
        clientError: true,
      });
      expect({ body, message: typeof response.json().message }).toEqual({ body, message: 'string' });
    }
    expect(statusAndBody(await getTasks(env, mentor, id))).toEqual({ status: 200, body: [] });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'POST',
    url: '/mentorship_relation/1/task',
    payload: { description: 'a task' },
  });
});
