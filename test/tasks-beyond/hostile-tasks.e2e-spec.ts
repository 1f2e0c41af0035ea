/**
 * Beyond the reference (§1: unhandled errors are a 500; §2.4 #27 and §2.5 check bodies with `in`,
 * which raises on a non-object body): hostile bodies and path ids on every task and comment route
 * never get a 5xx. Every answer is below 500 and is a JSON object with a string `message` (or a
 * list, for a GET that succeeds), and nothing is changed by them.
 */
import type { Response } from 'light-my-request';
import {
  acceptedPair,
  addComment,
  addTask,
  bare,
  brief,
  type Env,
  getComments,
  isSaneAnswer,
  listComments,
  listTasks,
  MSG,
  type Pair,
  sendJson,
  startTasksEnv,
  type Task,
  type TaskComment,
} from './support';

const HOSTILE_BODIES: Array<[string, unknown]> = [
  ['null', null],
  ['[]', []],
  ['"x"', 'x'],
  ['42', 42],
  ['{}', {}],
];

const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['1', 1],
  ['true', true],
  ['[]', []],
  ['{}', {}],
  ['200000 characters', 'x'.repeat(200_000)],
  ['"a\\u0000b"', 'a\u0000b'],
  ['a lone surrogate "\\ud800"', '\ud800'],
];

const HOSTILE_IDS = ['abc', '-1', '1.5', '99999999999999999999', '0'];
const NON_DIGIT_IDS = new Set(['abc', '-1', '1.5']);

type Route = {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path with the given ids. */
  path: (ids: { r: string; t: string; c: string }) => string;
  params: Array<'r' | 't' | 'c'>;
  /** A valid body, for the routes that take one. */
  body?: unknown;
};

const ROUTES: Route[] = [
  { name: 'GET tasks', method: 'GET', params: ['r'], path: ({ r }) => `/mentorship_relation/${r}/tasks` },
  {
    name: 'POST task',
    method: 'POST',
    params: ['r'],
    path: ({ r }) => `/mentorship_relation/${r}/task`,
    body: { description: 'a valid description' },
  },
  {
    name: 'PUT task',
    method: 'PUT',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}`,
    body: { description: 'a valid description' },
  },
  {
    name: 'DELETE task',
    method: 'DELETE',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}`,
  },
  {
    name: 'PUT complete',
    method: 'PUT',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}/complete`,
  },
  {
    name: 'PUT reopen',
    method: 'PUT',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}/reopen`,
  },
  {
    name: 'GET comments',
    method: 'GET',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}/comments/`,
  },
  {
    name: 'POST comment',
    method: 'POST',
    params: ['r', 't'],
    path: ({ r, t }) => `/mentorship_relation/${r}/task/${t}/comment`,
    body: { comment: 'a valid comment' },
  },
  {
    name: 'PUT comment',
    method: 'PUT',
    params: ['r', 't', 'c'],
    path: ({ r, t, c }) => `/mentorship_relation/${r}/task/${t}/comment/${c}`,
    body: { comment: 'a valid comment' },
  },
  {
    name: 'DELETE comment',
    method: 'DELETE',
    params: ['r', 't', 'c'],
    path: ({ r, t, c }) => `/mentorship_relation/${r}/task/${t}/comment/${c}`,
  },
];

describe('hostile input on the task and comment routes', () => {
  let env: Env;
  let pair: Pair;
  let commentId: number;
  let tasksBefore: Task[];
  let commentsBefore: TaskComment[];

  beforeAll(async () => {
    env = await startTasksEnv();
    pair = await acceptedPair(env);
    await addTask(env, pair.mentor, pair.id, 'the one task');
    await addComment(env, pair.mentor, pair.id, 1, 'the one comment');
    commentsBefore = await listComments(env, pair.mentor, pair.id, 1);
    commentId = commentsBefore[0].id;
    tasksBefore = await listTasks(env, pair.mentor, pair.id);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  /** The four routes with a body, with the field they read. */
  const bodyRoutes = () =>
    [
      { name: 'POST task', method: 'POST', url: `/mentorship_relation/${pair.id}/task`, field: 'description' },
      { name: 'PUT task', method: 'PUT', url: `/mentorship_relation/${pair.id}/task/1`, field: 'description' },
      { name: 'POST comment', method: 'POST', url: `/mentorship_relation/${pair.id}/task/1/comment`, field: 'comment' },
      {
        name: 'PUT comment',
        method: 'PUT',
        url: `/mentorship_relation/${pair.id}/task/1/comment/${commentId}`,
        field: 'comment',
      },
    ] as const;

  describe('hostile bodies (POST task, PUT task, POST comment, PUT comment), by a party of an ACCEPTED relation', () => {
    const outcomes: Array<{ route: string; sent: string; response: Response }> = [];

    beforeAll(async () => {
      for (const route of bodyRoutes()) {
        for (const [label, body] of HOSTILE_BODIES) {
          outcomes.push({
            route: route.name,
            sent: `body ${label}`,
            response: await sendJson(env.test, pair.mentor, route.method, route.url, body),
          });
        }
        for (const [label, value] of HOSTILE_VALUES) {
          outcomes.push({
            route: route.name,
            sent: `{${route.field}: ${label}}`,
            response: await sendJson(env.test, pair.mentor, route.method, route.url, { [route.field]: value }),
          });
        }
      }
    }, 60_000);

    it(`all ${4 * (HOSTILE_BODIES.length + HOSTILE_VALUES.length)} answers are < 500 with a JSON object holding a string message`, () => {
      const bad = outcomes
        .filter((outcome) => !isSaneAnswer(outcome.response))
        .map((outcome) => ({ route: outcome.route, sent: outcome.sent, ...brief(outcome.response) }));
      expect(bad).toEqual([]);
    });

    it('every one of them is a 400 (none is taken as valid)', () => {
      const not400 = outcomes
        .filter((outcome) => outcome.response.statusCode !== 400)
        .map((outcome) => ({ route: outcome.route, sent: outcome.sent, ...brief(outcome.response) }));
      expect(not400).toEqual([]);
    });

    it("a non-object body is Flask's generic 400 text", () => {
      const generic = outcomes.filter((outcome) => /^body (null|\[\]|"x"|42)$/.test(outcome.sent));
      expect(generic).toHaveLength(16);
      expect(generic.map((outcome) => outcome.response.json().message)).toEqual(generic.map(() => MSG.badRequest));
    });

    it('nothing was created or changed', async () => {
      expect(await listTasks(env, pair.mentor, pair.id)).toEqual(tasksBefore);
      expect(await listComments(env, pair.mentor, pair.id, 1)).toEqual(commentsBefore);
    });
  });

  describe('hostile path ids (relation_id, task_id, comment_id) on every route', () => {
    const outcomes: Array<{ request: string; hostile: string; response: Response }> = [];
    let count = 0;

    beforeAll(async () => {
      const valid = { r: String(pair.id), t: '1', c: String(commentId) };
      for (const route of ROUTES) {
        for (const param of route.params) {
          for (const id of HOSTILE_IDS) {
            const url = route.path({ ...valid, [param]: id });
            const response =
              route.body === undefined
                ? await bare(env.test, pair.mentor, route.method as 'GET' | 'PUT' | 'DELETE', url)
                : await sendJson(env.test, pair.mentor, route.method as 'POST' | 'PUT', url, route.body);
            outcomes.push({ request: `${route.method} ${url}`, hostile: id, response });
            count += 1;
          }
        }
      }
    }, 60_000);

    it('every route and id position was tried with every hostile id (100 requests)', () => {
      expect(count).toBe(100);
    });

    it('every answer is < 500 with a JSON object holding a string message (or a list for a GET)', () => {
      const bad = outcomes
        .filter((outcome) => !isSaneAnswer(outcome.response, true))
        .map((outcome) => ({ request: outcome.request, ...brief(outcome.response) }));
      expect(bad).toEqual([]);
    });

    it('every answer is a 404: the routing text for non-digits, a "does not exist" text for 0 and huge ids', () => {
      const notFoundTexts = [
        MSG.relationMissing,
        MSG.taskMissing,
        'Task comment does not exist.',
        'Task comment with given task id does not exist.',
      ];
      const wrong = outcomes
        .filter((outcome) => {
          if (outcome.response.statusCode !== 404) return true;
          const message = outcome.response.json().message;
          return NON_DIGIT_IDS.has(outcome.hostile) ? message !== MSG.notFoundUrl : !notFoundTexts.includes(message);
        })
        .map((outcome) => ({ request: outcome.request, ...brief(outcome.response) }));
      expect(wrong).toEqual([]);
    });

    it('nothing was created, changed or deleted', async () => {
      expect(await listTasks(env, pair.mentor, pair.id)).toEqual(tasksBefore);
      expect(await listComments(env, pair.mentor, pair.id, 1)).toEqual(commentsBefore);
    });
  });

  describe('hostile paging parameters on GET comments', () => {
    it.each([
      '?page=-1',
      '?per_page=-5',
      '?page=0&per_page=0',
      '?page=99999999999999999999&per_page=2',
      '?per_page=99999999999999999999',
      '?page=1.5&per_page=1e3',
      '?page=abc&per_page=',
      '?page=1&page=2&per_page=1&per_page=3',
      '?page[a]=1&per_page[b]=2',
      '?page=%00&per_page=%FF',
    ])('%s: < 500 and a list (or a JSON message)', async (search) => {
      const response = await getComments(env, pair.mentor, pair.id, 1, search);
      expect({ search, sane: isSaneAnswer(response, true), ...brief(response) }).toEqual({
        search,
        sane: true,
        status: expect.any(Number),
        body: expect.anything(),
      });
    });
  });
});
