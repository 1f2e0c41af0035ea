/**
 * The task parts of GET /home and GET /dashboard (reference §2.1 #13–14, §4.2;
 * tests/users/test_api_home_statistics.py, the achievements case of tests/users/test_dao.py,
 * tests/users/test_dao_dashboard.py).
 *
 * /home achievements: the done tasks of all the user's relations (any state), mentor relations first
 * (by relation id), then mentee relations, tasks by id; the LAST 3 of that list, then sorted by
 * completed_at descending; items exactly {id, description, is_done, created_at, completed_at}.
 * /dashboard tasks_todo / tasks_done: the ACCEPTED relation's undone and done tasks (task order), items
 * exactly {id, description, created_at, completed_at}, present only while there is an ACCEPTED relation.
 */
import {
  acceptedPair,
  achieve,
  achievementItem,
  ACHIEVEMENT_KEYS,
  act,
  addTask,
  createAccepted,
  dashboardItem,
  DASHBOARD_TASK_KEYS,
  deleteTask,
  expectMessage,
  getAs,
  itRejectsMissingExpiredAndInvalidTokens,
  listTasks,
  type Member,
  type MemberPool,
  type MentorshipEnv,
  moveRelation,
  MSG,
  sessionlessAccessToken,
  sleep,
  startTasksEnv,
  STATE,
  statusAndBody,
  type Task,
} from './support';

/** Long enough for completion times to differ in the stored milliseconds. */
const GAP_MS = 25;

describe('tasks on /home and /dashboard', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;

  beforeAll(async () => {
    ({ env, pool } = await startTasksEnv(30));
  });

  afterAll(async () => {
    await env?.close();
  });

  const home = (user: { accessToken: string }) => getAs(env.test, user, '/home');
  const dashboard = (user: { accessToken: string }) => getAs(env.test, user, '/dashboard');
  const achievementsOf = async (user: Member) => {
    const response = await home(user);
    expect(statusAndBody(response).status).toBe(200);
    return response.json().achievements as unknown[];
  };
  /** Completes the tasks in this order, GAP_MS apart. */
  const completeInOrder = async (steps: Array<[Member, number, number]>) => {
    for (const [who, relationId, taskId] of steps) {
      await achieve(env, who, relationId, taskId);
      await sleep(GAP_MS);
    }
  };

  describe('GET /home achievements', () => {
    it('a user without done tasks: [] — undone tasks are not achievements (reference test_achievements_with_incomplete_tasks)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      expect(await achievementsOf(mentor)).toEqual([]);
      await addTask(env, mentor, id, 'not yet');
      await addTask(env, mentee, id, 'not yet either');
      const response = await home(mentee);
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: {
          name: mentee.name,
          pending_requests: 0,
          accepted_requests: 1,
          rejected_requests: 0,
          completed_relations: 0,
          cancelled_relations: 0,
          achievements: [],
        },
      });
    });

    it('one done task among undone ones: exactly that task, with is_done true and the same dates as the task list', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'open 1');
      await addTask(env, mentor, id, 'finished');
      await addTask(env, mentee, id, 'open 2');
      await achieve(env, mentee, id, 2);
      const [, finished] = await listTasks(env, mentor, id);
      for (const user of [mentor, mentee]) {
        const achievements = await achievementsOf(user);
        expect(achievements).toEqual([achievementItem(finished)]);
        expect(Object.keys(achievements[0] as object).sort()).toEqual(ACHIEVEMENT_KEYS);
      }
    });

    it('up to three done tasks: all of them, newest completion first', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      for (const d of ['t1', 't2', 't3']) await addTask(env, mentor, id, d);
      await completeInOrder([
        [mentee, id, 2],
        [mentor, id, 3],
        [mentee, id, 1],
      ]);
      const [t1, t2, t3] = await listTasks(env, mentor, id);
      expect(await achievementsOf(mentee)).toEqual([t1, t3, t2].map(achievementItem));
    });

    it('five done tasks in one relation: the last three by task order (3, 4, 5), then by completed_at descending (reference test_last_three_achievements_sorted)', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      for (const d of ['one', 'two', 'three', 'four', 'five']) await addTask(env, mentor, id, d);
      // Completed in the order 5, 3, 1, 4, 2: the three most recent would be 2, 4, 1; the reference takes 3, 4, 5.
      await completeInOrder([5, 3, 1, 4, 2].map((taskId) => [mentor, id, taskId] as [Member, number, number]));
      const tasks = await listTasks(env, mentee, id);
      const byId = (taskId: number) => tasks.find((t) => t.id === taskId)!;
      expect(await achievementsOf(mentor)).toEqual([byId(4), byId(3), byId(5)].map(achievementItem));
      expect(await achievementsOf(mentee)).toEqual([byId(4), byId(3), byId(5)].map(achievementItem));
    });

    describe('across relations in every role and state', () => {
      // U is the mentee of relM (lowest id, cancelled), the mentor of rel1 (completed) and of rel3
      // (accepted). Done, in completion order: relM#2, rel1#2, rel3#1, rel1#1.
      // The reference's list: rel1#1, rel1#2, rel3#1 (mentor relations by id), relM#2 (mentee).
      // Its last three: rel1#2, rel3#1, relM#2; by completed_at descending: rel3#1, rel1#2, relM#2.
      let U: Member;
      let P: Member;
      let Q: Member;
      let R: Member;
      const rel = { M: 0, one: 0, three: 0 };
      const tasks: Record<'M' | 'one' | 'three', Task[]> = { M: [], one: [], three: [] };

      beforeAll(async () => {
        [U, P, Q, R] = await pool.take(4);
        rel.M = await createAccepted(env, U, Q, U);
        for (const d of ['M1', 'M2', 'M3']) await addTask(env, Q, rel.M, d);
        await act(env, U, rel.M, 'cancel');

        rel.one = await createAccepted(env, P, U, P);
        for (const d of ['A1', 'A2', 'A3']) await addTask(env, P, rel.one, d);
        await moveRelation(env, rel.one, STATE.COMPLETED);

        rel.three = await createAccepted(env, U, U, R);
        for (const d of ['C1', 'C2']) await addTask(env, U, rel.three, d);
        expect(rel.M).toBeLessThan(rel.one);
        expect(rel.one).toBeLessThan(rel.three);

        await completeInOrder([
          [Q, rel.M, 2],
          [P, rel.one, 2],
          [R, rel.three, 1],
          [U, rel.one, 1],
        ]);
        tasks.M = await listTasks(env, U, rel.M);
        tasks.one = await listTasks(env, U, rel.one);
        tasks.three = await listTasks(env, U, rel.three);
      });

      const task = (relation: 'M' | 'one' | 'three', taskId: number) => tasks[relation].find((t) => t.id === taskId)!;

      it("U: the last three of [mentor relations by id, then mentee relations], newest completion first — not U's three latest", async () => {
        const response = await home(U);
        expect(statusAndBody(response)).toEqual({
          status: 200,
          body: {
            name: U.name,
            pending_requests: 0,
            accepted_requests: 1,
            rejected_requests: 0,
            completed_relations: 1,
            cancelled_relations: 1,
            achievements: [task('three', 1), task('one', 2), task('M', 2)].map(achievementItem),
          },
        });
      });

      it('the other parties see the done tasks of their own relation only', async () => {
        expect(await achievementsOf(P)).toEqual([task('one', 1), task('one', 2)].map(achievementItem));
        expect(await achievementsOf(Q)).toEqual([task('M', 2)].map(achievementItem));
        expect(await achievementsOf(R)).toEqual([task('three', 1)].map(achievementItem));
      });

      it('a task completed in a relation that is already over counts too', async () => {
        await sleep(GAP_MS);
        await achieve(env, Q, rel.M, 3);
        tasks.M = await listTasks(env, Q, rel.M);
        // [A1, A2, C1, M2, M3] → last three C1, M2, M3 → M3 (newest), C1, M2.
        expect(await achievementsOf(U)).toEqual([task('M', 3), task('three', 1), task('M', 2)].map(achievementItem));
        expect(await achievementsOf(Q)).toEqual([task('M', 3), task('M', 2)].map(achievementItem));
      });

      it('a deleted done task is no achievement any more; the list closes up', async () => {
        expectMessage(await deleteTask(env, Q, rel.M, 3), 200, MSG.taskDeleted);
        expectMessage(await deleteTask(env, R, rel.three, 1), 200, MSG.taskDeleted);
        // [A1, A2, M2] → A1 (newest), A2, M2.
        expect(await achievementsOf(U)).toEqual([task('one', 1), task('one', 2), task('M', 2)].map(achievementItem));
        expect(await achievementsOf(R)).toEqual([]);
      });
    });

    it('a token of a deleted account: 404 "User not found." (reference test_relations_invalid_id)', async () => {
      const [gone] = await pool.take(1);
      const response = await env.test.app.inject({
        method: 'DELETE',
        url: '/user',
        headers: { authorization: `Bearer ${gone.accessToken}` },
      });
      expect(response.statusCode).toBe(200);
      expectMessage(await home({ accessToken: sessionlessAccessToken(gone.id) }), 404, MSG.userNotFound);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/home' });
  });

  describe('GET /dashboard tasks_todo and tasks_done', () => {
    it('an ACCEPTED relation without tasks: both [] for both parties', async () => {
      const { mentor, mentee } = await acceptedPair(env, pool);
      for (const user of [mentor, mentee]) {
        const body = (await dashboard(user)).json();
        expect(Object.keys(body).sort()).toEqual(['as_mentee', 'as_mentor', 'tasks_done', 'tasks_todo']);
        expect(body).toMatchObject({ tasks_todo: [], tasks_done: [] });
      }
    });

    it('undone and done tasks of the ACCEPTED relation, in task order, exact items without is_done or created_by', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      for (const d of ['d1', 'd2', 'd3', 'd4', 'd5']) await addTask(env, mentor, id, d);
      await completeInOrder([
        [mentee, id, 4],
        [mentor, id, 1],
      ]);
      const tasks = await listTasks(env, mentor, id);
      const byId = (taskId: number) => tasks.find((t) => t.id === taskId)!;
      for (const user of [mentor, mentee]) {
        const response = await dashboard(user);
        expect(statusAndBody(response).status).toBe(200);
        const body = response.json();
        expect(body.tasks_todo).toEqual([byId(2), byId(3), byId(5)].map(dashboardItem));
        expect(body.tasks_done).toEqual([byId(1), byId(4)].map(dashboardItem));
        for (const item of [...body.tasks_todo, ...body.tasks_done]) {
          expect(Object.keys(item).sort()).toEqual(DASHBOARD_TASK_KEYS);
        }
      }
    });

    it('the lists follow completions and deletions', async () => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      for (const d of ['x1', 'x2', 'x3']) await addTask(env, mentee, id, d);
      const names = async () => {
        const body = (await dashboard(mentor)).json();
        return {
          todo: (body.tasks_todo as Task[]).map((t) => t.description),
          done: (body.tasks_done as Task[]).map((t) => t.description),
        };
      };
      expect(await names()).toEqual({ todo: ['x1', 'x2', 'x3'], done: [] });
      await achieve(env, mentor, id, 2);
      expect(await names()).toEqual({ todo: ['x1', 'x3'], done: ['x2'] });
      expectMessage(await deleteTask(env, mentee, id, 1), 200, MSG.taskDeleted);
      expectMessage(await deleteTask(env, mentee, id, 2), 200, MSG.taskDeleted);
      expect(await names()).toEqual({ todo: ['x3'], done: [] });
      await addTask(env, mentor, id, 'x4');
      await achieve(env, mentee, id, 3);
      expect(await names()).toEqual({ todo: ['x4'], done: ['x3'] });
    });

    it('only the ACCEPTED relation: the tasks of an earlier relation never show', async () => {
      const [user, old, current] = await pool.take(3);
      const oldId = await createAccepted(env, user, old, user);
      await addTask(env, user, oldId, 'old open');
      await addTask(env, user, oldId, 'old done');
      await achieve(env, old, oldId, 2);
      await act(env, old, oldId, 'cancel');
      expect(Object.keys((await dashboard(user)).json()).sort()).toEqual(['as_mentee', 'as_mentor']);

      const currentId = await createAccepted(env, current, user, current);
      const fresh = await addTask(env, current, currentId, 'current open');
      const body = (await dashboard(user)).json();
      expect(body.tasks_todo).toEqual([dashboardItem(fresh)]);
      expect(body.tasks_done).toEqual([]);
    });

    it.each([
      ['cancelled', STATE.CANCELLED],
      ['completed', STATE.COMPLETED],
    ] as const)('once the relation is %s: no tasks_todo or tasks_done keys at all', async (_what, state) => {
      const { mentor, mentee, id } = await acceptedPair(env, pool);
      await addTask(env, mentor, id, 'open');
      await addTask(env, mentor, id, 'done');
      await achieve(env, mentee, id, 2);
      await moveRelation(env, id, state);
      for (const user of [mentor, mentee]) {
        const response = await dashboard(user);
        expect(statusAndBody(response).status).toBe(200);
        expect(Object.keys(response.json()).sort()).toEqual(['as_mentee', 'as_mentor']);
      }
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/dashboard' });
  });
});
