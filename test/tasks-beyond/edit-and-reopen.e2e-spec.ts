/**
 * Beyond the reference (§2.4 #30: "There is no un-complete and no edit-description endpoint"):
 * PUT .../task/{t} edits a description, PUT .../task/{t}/reopen opens a done task again. Both are
 * for either party of an ACCEPTED relation; the description rules (1–400 characters once trimmed,
 * a string) hold for creating too.
 */
import {
  acceptedPair,
  achieve,
  addTask,
  completeTask,
  createMember,
  type Env,
  expectMessage,
  listTasks,
  type Member,
  moveRelation,
  MSG,
  type Pair,
  postTask,
  putTask,
  reopenTask,
  startTasksEnv,
  STATE,
  type Task,
} from './support';

describe('editing and reopening tasks', () => {
  let env: Env;
  let pair: Pair;
  let outsider: Member;

  beforeAll(async () => {
    env = await startTasksEnv();
    pair = await acceptedPair(env);
    outsider = await createMember(env);
    await addTask(env, pair.mentor, pair.id, 'first task');
    await addTask(env, pair.mentee, pair.id, 'second task');
    await addTask(env, pair.mentor, pair.id, 'third task');
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const taskOf = async (user: Member, relationId: number, taskId: number): Promise<Task | undefined> =>
    (await listTasks(env, user, relationId)).find((task) => task.id === taskId);

  describe('PUT /mentorship_relation/{r}/task/{t} {description}', () => {
    it('by the mentor: 200 "Task was updated successfully.", and the list shows the new description', async () => {
      expectMessage(
        await putTask(env, pair.mentor, pair.id, 1, { description: 'edited by mentor' }),
        200,
        MSG.taskUpdated,
      );
      expect(await taskOf(pair.mentee, pair.id, 1)).toEqual(
        expect.objectContaining({ id: 1, description: 'edited by mentor', created_by: pair.mentor.id }),
      );
    });

    it('by the mentee (of a task the mentor created): 200, and the description is stored trimmed', async () => {
      expectMessage(
        await putTask(env, pair.mentee, pair.id, 1, { description: '   edited by mentee \n\t ' }),
        200,
        MSG.taskUpdated,
      );
      expect(await taskOf(pair.mentor, pair.id, 1)).toEqual(
        expect.objectContaining({ id: 1, description: 'edited by mentee', created_by: pair.mentor.id }),
      );
    });

    it('editing changes only that task (ids, creators, creation times and the others stay)', async () => {
      const before = await listTasks(env, pair.mentor, pair.id);
      expectMessage(
        await putTask(env, pair.mentor, pair.id, 2, { description: 'second, edited' }),
        200,
        MSG.taskUpdated,
      );
      const after = await listTasks(env, pair.mentor, pair.id);
      expect(after).toEqual(before.map((task) => (task.id === 2 ? { ...task, description: 'second, edited' } : task)));
    });

    it('400 characters (once trimmed) are fine: 200', async () => {
      const text = 'y'.repeat(400);
      expectMessage(await putTask(env, pair.mentor, pair.id, 3, { description: `  ${text}  ` }), 200, MSG.taskUpdated);
      expect((await taskOf(pair.mentor, pair.id, 3))?.description).toBe(text);
    });

    it('editing a completed task keeps it completed', async () => {
      await addTask(env, pair.mentor, pair.id, 'done then edited');
      const id = (await listTasks(env, pair.mentor, pair.id)).at(-1)!.id;
      await achieve(env, pair.mentee, pair.id, id);
      const done = await taskOf(pair.mentor, pair.id, id);
      expectMessage(
        await putTask(env, pair.mentee, pair.id, id, { description: 'edited while done' }),
        200,
        MSG.taskUpdated,
      );
      expect(await taskOf(pair.mentor, pair.id, id)).toEqual({ ...done, description: 'edited while done' });
    });
  });

  describe('the description rules, on PUT (edit) and POST (create)', () => {
    const length = MSG.descriptionLength;
    const cases: Array<[string, unknown, string]> = [
      ['missing', {}, MSG.descriptionMissing],
      ['missing (other fields only)', { comment: 'text', descriptions: 'x' }, MSG.descriptionMissing],
      ['""', { description: '' }, length],
      ['"   " (whitespace only)', { description: '   ' }, length],
      ['"\\n\\t " (whitespace only)', { description: '\n\t ' }, length],
      ['401 characters', { description: 'z'.repeat(401) }, length],
      ['401 characters with spaces around', { description: `  ${'z'.repeat(401)}  ` }, length],
      ['a number', { description: 42 }, MSG.descriptionNotString],
      ['true', { description: true }, MSG.descriptionNotString],
      ['null', { description: null }, MSG.descriptionNotString],
      ['a list', { description: ['a'] }, MSG.descriptionNotString],
      ['an object', { description: { text: 'a' } }, MSG.descriptionNotString],
    ];

    it.each(cases)(
      'PUT with description %s: 400 with the exact message, and nothing changes',
      async (_name, body, text) => {
        const before = await listTasks(env, pair.mentor, pair.id);
        expectMessage(await putTask(env, pair.mentor, pair.id, 1, body), 400, text);
        expect(await listTasks(env, pair.mentor, pair.id)).toEqual(before);
      },
    );

    it.each(cases)(
      'POST with description %s: 400 with the exact message, and no task is made',
      async (_name, body, text) => {
        const before = await listTasks(env, pair.mentor, pair.id);
        expectMessage(await postTask(env, pair.mentee, pair.id, body), 400, text);
        expect(await listTasks(env, pair.mentor, pair.id)).toEqual(before);
      },
    );

    it('POST stores the description trimmed, and 400 characters once trimmed are fine', async () => {
      expectMessage(
        await postTask(env, pair.mentee, pair.id, { description: `\t ${'w'.repeat(400)} \n` }),
        201,
        MSG.taskCreated,
      );
      expect((await listTasks(env, pair.mentor, pair.id)).at(-1)).toEqual(
        expect.objectContaining({ description: 'w'.repeat(400), created_by: pair.mentee.id, completed_at: null }),
      );
    });

    it('the body is checked first: a bad body to a missing task is still 400', async () => {
      expectMessage(await putTask(env, pair.mentor, pair.id, 9999, { description: '' }), 400, length);
    });
  });

  describe('PUT task: who, which state, what exists', () => {
    let closed: Pair;

    beforeAll(async () => {
      closed = await acceptedPair(env);
      await addTask(env, closed.mentor, closed.id, 'in a relation that ends');
      await achieve(env, closed.mentor, closed.id, 1);
      await addTask(env, closed.mentee, closed.id, 'open in a relation that ends');
      await moveRelation(env, closed.id, STATE.CANCELLED);
    });

    it('not a party: 401 "You are not involved in this mentorship relation." and nothing changes', async () => {
      const before = await listTasks(env, pair.mentor, pair.id);
      expectMessage(await putTask(env, outsider, pair.id, 1, { description: 'hijacked' }), 401, MSG.notInvolved);
      expect(await listTasks(env, pair.mentor, pair.id)).toEqual(before);
    });

    it('not a party, to a task that does not exist: 401 (involvement is checked before the task)', async () => {
      expectMessage(await putTask(env, outsider, pair.id, 9999, { description: 'hijacked' }), 401, MSG.notInvolved);
    });

    it('task missing: 404 "Task does not exist."', async () => {
      expectMessage(await putTask(env, pair.mentor, pair.id, 9999, { description: 'nothing' }), 404, MSG.taskMissing);
    });

    it('relation missing: 404 "Mentorship relation does not exist."', async () => {
      expectMessage(await putTask(env, pair.mentor, 999_999, 1, { description: 'nothing' }), 404, MSG.relationMissing);
    });

    it.each([
      ['CANCELLED', STATE.CANCELLED],
      ['COMPLETED', STATE.COMPLETED],
    ])('relation %s: 403 "This mentorship relation status is not in the accepted state."', async (_name, state) => {
      await moveRelation(env, closed.id, state);
      const before = await listTasks(env, closed.mentor, closed.id);
      expectMessage(await putTask(env, closed.mentee, closed.id, 2, { description: 'too late' }), 403, MSG.notAccepted);
      expect(await listTasks(env, closed.mentor, closed.id)).toEqual(before);
    });

    it('not a party of a relation no longer accepted: 401 (involvement before state)', async () => {
      expectMessage(await putTask(env, outsider, closed.id, 2, { description: 'too late' }), 401, MSG.notInvolved);
    });
  });

  describe('PUT /mentorship_relation/{r}/task/{t}/reopen', () => {
    let id: number;

    beforeAll(async () => {
      await addTask(env, pair.mentee, pair.id, 'to be reopened');
      id = (await listTasks(env, pair.mentor, pair.id)).at(-1)!.id;
    });

    it('an open task: 409 "Task is not completed."', async () => {
      expectMessage(await reopenTask(env, pair.mentor, pair.id, id), 409, MSG.taskNotCompleted);
    });

    it('a completed task, by the mentor: 200 "Task was reopened successfully.", completed_at back to null', async () => {
      await achieve(env, pair.mentee, pair.id, id);
      const done = await taskOf(pair.mentor, pair.id, id);
      expect(done?.completed_at).toEqual(expect.any(Number));
      expectMessage(await reopenTask(env, pair.mentor, pair.id, id), 200, MSG.taskReopened);
      expect(await taskOf(pair.mentee, pair.id, id)).toEqual({ ...done, completed_at: null });
    });

    it('reopening it again: 409 "Task is not completed."', async () => {
      expectMessage(await reopenTask(env, pair.mentee, pair.id, id), 409, MSG.taskNotCompleted);
    });

    it('it can be completed again: 200 "Task was achieved successfully.", completed_at set anew', async () => {
      const before = Date.now() / 1000;
      expectMessage(await completeTask(env, pair.mentor, pair.id, id), 200, MSG.taskAchieved);
      const task = await taskOf(pair.mentor, pair.id, id);
      expect(task?.completed_at).toEqual(expect.any(Number));
      expect(task!.completed_at!).toBeGreaterThanOrEqual(before - 1);
      expectMessage(await completeTask(env, pair.mentee, pair.id, id), 409, MSG.taskAlreadyAchieved);
    });

    it('and reopened by the mentee this time: 200', async () => {
      expectMessage(await reopenTask(env, pair.mentee, pair.id, id), 200, MSG.taskReopened);
      expect((await taskOf(pair.mentor, pair.id, id))?.completed_at).toBeNull();
    });

    it('by a non-party: 401 "You are not involved in this mentorship relation." and it stays completed', async () => {
      await achieve(env, pair.mentor, pair.id, id);
      const done = await taskOf(pair.mentor, pair.id, id);
      expectMessage(await reopenTask(env, outsider, pair.id, id), 401, MSG.notInvolved);
      expect(await taskOf(pair.mentor, pair.id, id)).toEqual(done);
    });

    it('task missing: 404 "Task does not exist."; relation missing: 404 "Mentorship relation does not exist."', async () => {
      expectMessage(await reopenTask(env, pair.mentor, pair.id, 9999), 404, MSG.taskMissing);
      expectMessage(await reopenTask(env, pair.mentor, 999_999, 1), 404, MSG.relationMissing);
    });

    it('in a cancelled relation: 403 "This mentorship relation status is not in the accepted state."', async () => {
      const other = await acceptedPair(env);
      await addTask(env, other.mentor, other.id, 'done before the cancel');
      await achieve(env, other.mentee, other.id, 1);
      await moveRelation(env, other.id, STATE.CANCELLED);
      const done = await taskOf(other.mentor, other.id, 1);
      expectMessage(await reopenTask(env, other.mentee, other.id, 1), 403, MSG.notAccepted);
      expect(await taskOf(other.mentor, other.id, 1)).toEqual(done);
      expect(done?.completed_at).toEqual(expect.any(Number));
    });
  });
});
