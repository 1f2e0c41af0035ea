/**
 * Beyond the reference (§2.5 #34: "No pagination and no author name expansion"; §2.4 #29: "the
 * task's comments are not deleted"): GET .../comments/ items carry the author's name, the list can
 * be paged (page/per_page, X-Total-Count, Link), and deleting a task deletes its comments.
 */
import { query } from '../support/database';
import {
  acceptedPair,
  addComment,
  addTask,
  deleteTask,
  type Env,
  expectMessage,
  getComments,
  listComments,
  type Member,
  moveRelation,
  MSG,
  type Pair,
  parseLinks,
  startTasksEnv,
  STATE,
  statusAndBody,
  type TaskComment,
} from './support';

const TOTAL = 5;

describe('task comments beyond the reference', () => {
  let env: Env;
  let pair: Pair;
  let all: TaskComment[];
  /** The author of comment k (0-based) on task 1. */
  const authorOf = (k: number): Member => (k % 2 === 0 ? pair.mentor : pair.mentee);

  beforeAll(async () => {
    env = await startTasksEnv();
    pair = await acceptedPair(env);
    await addTask(env, pair.mentor, pair.id, 'task with many comments');
    await addTask(env, pair.mentee, pair.id, 'task with one comment');
    for (let k = 0; k < TOTAL; k += 1) await addComment(env, authorOf(k), pair.id, 1, `comment ${k + 1}`);
    await addComment(env, pair.mentee, pair.id, 2, 'on the other task');
    all = await listComments(env, pair.mentor, pair.id, 1);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  describe('GET .../task/{t}/comments/ without page or per_page', () => {
    it(`answers all ${TOTAL} comments of the task, in creation order, and none of the other task`, () => {
      expect(all.map((comment) => comment.comment)).toEqual(
        Array.from({ length: TOTAL }, (_, k) => `comment ${k + 1}`),
      );
      expect(all.every((comment) => comment.task_id === 1 && comment.relation_id === pair.id)).toBe(true);
      const ids = all.map((comment) => comment.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });

    it("each item's user_name is its author's name (and user_id its author's id)", () => {
      expect(all.map((comment) => ({ user_id: comment.user_id, user_name: comment.user_name }))).toEqual(
        Array.from({ length: TOTAL }, (_, k) => ({ user_id: authorOf(k).id, user_name: authorOf(k).name })),
      );
    });

    it('the item keys are the reference model plus user_name', () => {
      expect(Object.keys(all[0]).sort()).toEqual(
        [
          'comment',
          'creation_date',
          'id',
          'modification_date',
          'relation_id',
          'task_id',
          'user_id',
          'user_name',
        ].sort(),
      );
    });

    it(`x-total-count is ${TOTAL}, and there is no Link header`, async () => {
      const response = await getComments(env, pair.mentee, pair.id, 1);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(all);
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
      expect(response.headers.link).toBeUndefined();
    });

    it('the other task lists its single comment, by the mentee, with x-total-count 1', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 2);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([
        expect.objectContaining({ comment: 'on the other task', user_id: pair.mentee.id, user_name: pair.mentee.name }),
      ]);
      expect(response.headers['x-total-count']).toBe('1');
    });
  });

  describe('paged', () => {
    it('per_page=2&page=2: exactly the 3rd and 4th comments; x-total-count the total; Link first, prev, next, last', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 1, '?per_page=2&page=2');
      expect(statusAndBody(response)).toEqual({ status: 200, body: [all[2], all[3]] });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
      expect(parseLinks(response.headers.link as string | undefined)).toEqual({
        first: { page: 1, perPage: 2 },
        prev: { page: 1, perPage: 2 },
        next: { page: 3, perPage: 2 },
        last: { page: 3, perPage: 2 },
      });
    });

    it('the Link targets point at the comments route itself', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 1, '?per_page=2&page=2');
      const header = String(response.headers.link);
      for (const match of header.matchAll(/<([^>]+)>/g)) {
        expect(new URL(match[1], 'http://localhost').pathname).toMatch(
          new RegExp(`^/mentorship_relation/${pair.id}/task/1/comments/?$`),
        );
      }
    });

    it('page=1&per_page=2: the first two; no prev', async () => {
      const response = await getComments(env, pair.mentee, pair.id, 1, '?page=1&per_page=2');
      expect(statusAndBody(response)).toEqual({ status: 200, body: [all[0], all[1]] });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
      expect(parseLinks(response.headers.link as string | undefined)).toEqual({
        first: { page: 1, perPage: 2 },
        next: { page: 2, perPage: 2 },
        last: { page: 3, perPage: 2 },
      });
    });

    it('page=3&per_page=2 (the last page): only the 5th; no next', async () => {
      const response = await getComments(env, pair.mentee, pair.id, 1, '?page=3&per_page=2');
      expect(statusAndBody(response)).toEqual({ status: 200, body: [all[4]] });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
      expect(parseLinks(response.headers.link as string | undefined)).toEqual({
        first: { page: 1, perPage: 2 },
        prev: { page: 2, perPage: 2 },
        last: { page: 3, perPage: 2 },
      });
    });

    it('a page past the end: [] with the total', async () => {
      const response = await getComments(env, pair.mentee, pair.id, 1, '?page=9&per_page=2');
      expect(statusAndBody(response)).toEqual({ status: 200, body: [] });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
    });

    it('per_page=0: [] (and x-total-count still the total)', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 1, '?per_page=0');
      expect(statusAndBody(response)).toEqual({ status: 200, body: [] });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
    });

    it('page alone (per_page defaults to 10): all of them on page 1', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 1, '?page=1');
      expect(statusAndBody(response)).toEqual({ status: 200, body: all });
      expect(response.headers['x-total-count']).toBe(String(TOTAL));
    });

    it('non-numeric page/per_page fall back to the defaults: 200, never a 5xx', async () => {
      const response = await getComments(env, pair.mentor, pair.id, 1, '?page=abc&per_page=xyz');
      expect(statusAndBody(response)).toEqual({ status: 200, body: all });
    });
  });

  describe('deleting a task deletes its comments', () => {
    let firstTaskCommentIds: number[];
    let otherCommentIds: number[];

    beforeAll(async () => {
      firstTaskCommentIds = all.map((comment) => comment.id);
      otherCommentIds = (await listComments(env, pair.mentor, pair.id, 2)).map((comment) => comment.id);
      expectMessage(await deleteTask(env, pair.mentee, pair.id, 1), 200, MSG.taskDeleted);
    });

    it('none of its comments is left in task_comments', async () => {
      const rows = await query<{ id: number }>(env.db.url, 'select id from task_comments where id = any($1)', [
        firstTaskCommentIds,
      ]);
      expect(rows).toEqual([]);
    });

    it("the other task's comment stays", async () => {
      const rows = await query<{ id: number }>(env.db.url, 'select id from task_comments where id = any($1)', [
        otherCommentIds,
      ]);
      expect(rows.map((row) => row.id)).toEqual(otherCommentIds);
    });

    it('GET comments of the deleted task: 404 "Task does not exist."', async () => {
      expectMessage(await getComments(env, pair.mentor, pair.id, 1), 404, MSG.taskMissing);
    });

    it('a new task never takes the number, so the old comments cannot reappear', async () => {
      await addTask(env, pair.mentor, pair.id, 'a newer task');
      expectMessage(await getComments(env, pair.mentor, pair.id, 1), 404, MSG.taskMissing);
      const response = await getComments(env, pair.mentor, pair.id, 3);
      expect(statusAndBody(response)).toEqual({ status: 200, body: [] });
      expect(response.headers['x-total-count']).toBe('0');
    });
  });

  describe('listing once the relation is no longer ACCEPTED (reference §2.5: even listing is refused)', () => {
    it('403 "This mentorship relation status is not in the accepted state."', async () => {
      const other = await acceptedPair(env);
      await addTask(env, other.mentor, other.id, 'soon closed');
      await addComment(env, other.mentee, other.id, 1, 'said before the end');
      await moveRelation(env, other.id, STATE.COMPLETED);
      expectMessage(await getComments(env, other.mentee, other.id, 1, '?per_page=2&page=1'), 403, MSG.notAccepted);
    });
  });
});
