/**
 * Beyond the reference (§2.4: ids come from `next_task_id` on one JSON row, a read-modify-write):
 * however many creations race over real HTTP, from both parties at once, a relation's tasks are
 * numbered 1..N, distinct and consecutive, each remembers who created it, a deleted number is never
 * given out again, and every relation counts on its own.
 */
import {
  addTask,
  acceptedPair,
  deleteTask,
  type Env,
  expectMessage,
  fetchJson,
  listen,
  listTasks,
  MSG,
  type Pair,
  startTasksEnv,
  tally,
  type Task,
} from './support';

/** How many creations race in the first burst (20+). */
const RACERS = 24;

describe('concurrent task creation', () => {
  let env: Env;
  let baseUrl: string;
  let first: Pair;
  let second: Pair;

  beforeAll(async () => {
    env = await startTasksEnv();
    baseUrl = await listen(env.test);
    first = await acceptedPair(env);
    second = await acceptedPair(env);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  /** POST .../task over real HTTP with a JSON body. */
  async function create(relationId: number, accessToken: string, description: string) {
    const response = await fetch(`${baseUrl}/mentorship_relation/${relationId}/task`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text so the failure shows it
    }
    return { status: response.status, body };
  }

  const creatorOf = (pair: Pair, k: number) => (k % 2 === 0 ? pair.mentor : pair.mentee);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  describe(`${RACERS} creations at once, alternating mentor and mentee`, () => {
    let outcomes: Array<{ status: number; body: unknown }>;
    let tasks: Task[];

    beforeAll(async () => {
      outcomes = await Promise.all(
        range(0, RACERS - 1).map((k) =>
          create(first.id, creatorOf(first, k).accessToken, `race ${k} by ${creatorOf(first, k).id}`),
        ),
      );
      tasks = await listTasks(env, first.mentor, first.id);
    }, 60_000);

    it(`all ${RACERS} answer 201 "Task was created successfully."`, () => {
      expect(tally(outcomes)).toEqual({ [`201 ${JSON.stringify({ message: MSG.taskCreated })}`]: RACERS });
    });

    it(`GET .../tasks lists ids exactly 1..${RACERS}, in order, distinct and consecutive`, () => {
      expect(tasks.map((task) => task.id)).toEqual(range(1, RACERS));
    });

    it('every racing description is listed exactly once', () => {
      expect(tasks.map((task) => task.description).sort()).toEqual(
        range(0, RACERS - 1)
          .map((k) => `race ${k} by ${creatorOf(first, k).id}`)
          .sort(),
      );
    });

    it('each task has created_by equal to the member that created it (half each)', () => {
      const mismatches = tasks.filter((task) => task.created_by !== Number(/by (\d+)$/.exec(task.description)?.[1]));
      expect(mismatches).toEqual([]);
      expect(tasks.filter((task) => task.created_by === first.mentor.id)).toHaveLength(RACERS / 2);
      expect(tasks.filter((task) => task.created_by === first.mentee.id)).toHaveLength(RACERS / 2);
    });

    it('both parties see the same list', async () => {
      expect(await listTasks(env, first.mentee, first.id)).toEqual(tasks);
    });
  });

  describe('numbers are never reused', () => {
    it(`after deleting task ${RACERS}, the next task gets ${RACERS + 1}`, async () => {
      expectMessage(await deleteTask(env, first.mentee, first.id, RACERS), 200, MSG.taskDeleted);
      await addTask(env, first.mentor, first.id, 'after the delete');
      const tasks = await listTasks(env, first.mentor, first.id);
      expect(tasks.map((task) => task.id)).toEqual([...range(1, RACERS - 1), RACERS + 1]);
      expect(tasks[tasks.length - 1]).toEqual(
        expect.objectContaining({ id: RACERS + 1, description: 'after the delete', created_by: first.mentor.id }),
      );
    });

    it('after deleting a task in the middle and the newest one, the next number still goes up', async () => {
      expectMessage(await deleteTask(env, first.mentor, first.id, 5), 200, MSG.taskDeleted);
      expectMessage(await deleteTask(env, first.mentor, first.id, RACERS + 1), 200, MSG.taskDeleted);
      await addTask(env, first.mentee, first.id, 'after two deletes');
      const ids = (await listTasks(env, first.mentee, first.id)).map((task) => task.id);
      expect(ids).toEqual([...range(1, 4), ...range(6, RACERS - 1), RACERS + 2]);
    });

    it('a deleted number is gone for good: DELETE again is 404 "Task does not exist."', async () => {
      expectMessage(await deleteTask(env, first.mentor, first.id, RACERS), 404, MSG.taskMissing);
    });
  });

  describe('a second relation counts on its own', () => {
    const PER_RELATION = 12;
    let outcomes: Array<{ status: number; body: unknown }>;

    beforeAll(async () => {
      // Both relations at once: the second starts at 1, the first goes on from RACERS + 3.
      outcomes = await Promise.all(
        range(0, PER_RELATION - 1).flatMap((k) => [
          create(second.id, creatorOf(second, k).accessToken, `second ${k}`),
          create(first.id, creatorOf(first, k).accessToken, `first again ${k}`),
        ]),
      );
    }, 60_000);

    it(`all ${2 * PER_RELATION} answer 201`, () => {
      expect(tally(outcomes)).toEqual({ [`201 ${JSON.stringify({ message: MSG.taskCreated })}`]: 2 * PER_RELATION });
    });

    it(`the second relation's tasks are numbered 1..${PER_RELATION}`, async () => {
      const tasks = await listTasks(env, second.mentor, second.id);
      expect(tasks.map((task) => task.id)).toEqual(range(1, PER_RELATION));
      expect(new Set(tasks.map((task) => task.created_by))).toEqual(new Set([second.mentor.id, second.mentee.id]));
    });

    it(`the first relation went on from ${RACERS + 3} without a gap`, async () => {
      const ids = (await listTasks(env, first.mentor, first.id)).map((task) => task.id);
      expect(ids.slice(-PER_RELATION)).toEqual(range(RACERS + 3, RACERS + 2 + PER_RELATION));
    });

    it("a party of one relation cannot list the other's tasks: 401 not involved", async () => {
      const response = await fetchJson(
        baseUrl,
        'GET',
        `/mentorship_relation/${second.id}/tasks`,
        first.mentor.accessToken,
      );
      expect(response).toEqual({ status: 401, body: { message: MSG.notInvolved } });
    });
  });
});
