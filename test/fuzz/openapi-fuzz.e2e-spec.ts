/**
 * Property-based fuzzing of every operation in the API's own OpenAPI document (issue 15). For each
 * operation, FUZZ_RUNS generated requests (default 40: about 3,000 in `npm test`; a long run is
 * `FUZZ_RUNS=1000 npm run test:fuzz`), each as one of the fixture callers or with no, a garbage or
 * a refresh token, with path ids drawn from the fixtures' real ids and hostile ones, and bodies
 * valid, mutated or hostile (test/fuzz/openapi.ts). Every answer: no 5xx, no hang, a documented
 * status, a string "message" on every 4xx, a 2xx body that matches its documented schema.
 *
 * The fixtures (a mentor and a mentee in an accepted relation with a task, a comment, a proposal
 * and a chat message; an admin; an outsider with an open report about them) are rebuilt whenever a
 * generated request broke them (deleted or logged out a caller, ended the relation, removed the
 * admin). FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import type { Response } from 'light-my-request';
import { call, createAccepted, createMember, type Member, startWorld, type World } from '../relation-life/support';
import {
  type Fixtures,
  type FuzzRequest,
  type OpenApiDocument,
  operationsOf,
  requestFor,
  ResponseChecker,
} from './openapi';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.FUZZ_SEED);
const ANSWER_TIMEOUT_MS = 15_000;

jest.setTimeout(Math.max(600_000, RUNS * 80 * 200));

interface FixtureWorld extends Fixtures {
  members: Record<'mentor' | 'mentee' | 'admin' | 'outsider', Member>;
  relationId: number;
}

async function expectCreated(response: Response, what: string): Promise<Record<string, unknown>> {
  if (response.statusCode !== 201 && response.statusCode !== 200) {
    throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  }
  return response.json() as Record<string, unknown>;
}

async function buildFixtures(world: World): Promise<FixtureWorld> {
  const [mentor, mentee, admin, outsider] = await Promise.all([
    createMember(world, { mentor: true, mentee: false }),
    createMember(world, { mentor: false, mentee: true }),
    createMember(world),
    createMember(world),
  ]);
  await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [admin.id]);
  const relationId = await createAccepted(world, mentor, mentee);
  const base = `/mentorship_relation/${relationId}`;
  await expectCreated(await call(world, mentee, 'POST', `${base}/task`, { description: 'Read the guide' }), 'task');
  await expectCreated(
    await call(world, mentor, 'POST', `${base}/task/1/comment`, { comment: 'Start here' }),
    'comment',
  );
  const [{ id: commentId }] = await world.sql<{ id: number }>(
    `select c."id" from "task_comments" c where c."relation_id" = ? order by c."id" desc limit 1`,
    [relationId],
  );
  const proposal = await expectCreated(
    await call(world, mentee, 'POST', `${base}/proposals`, {
      kind: 'change_end_date',
      end_date: Date.now() / 1000 + 10 * 7 * 86_400,
    }),
    'proposal',
  );
  const message = await expectCreated(
    await call(world, mentor, 'POST', `${base}/messages`, { body: 'Hello' }),
    'message',
  );
  const report = await expectCreated(
    await call(world, mentee, 'POST', '/reports', { target_type: 'user', target_id: outsider.id, reason: 'spam' }),
    'report',
  );
  const ids = (values: unknown[]) => values.map((value) => String(value));
  return {
    members: { mentor, mentee, admin, outsider },
    relationId,
    tokens: {
      mentor: mentor.accessToken,
      mentee: mentee.accessToken,
      admin: admin.accessToken,
      outsider: outsider.accessToken,
      refresh: mentee.refreshToken,
    },
    pathValues: {
      user_id: ids([mentor.id, mentee.id, admin.id, outsider.id]),
      request_id: ids([relationId]),
      relation_id: ids([relationId]),
      task_id: ['1'],
      comment_id: ids([commentId]),
      proposal_id: ids([proposal.id]),
      report_id: ids([report.id]),
      feedback_id: ['1'],
      message_id: ids([message.id]),
      id: ['1'],
    },
    queryValues: {
      search: ['a', mentor.username.slice(0, 3)],
      skill: ['typescript'],
      interest: ['rust'],
      prefix: ['t', 'ty'],
      state: ['open', 'resolved', 'pending', 'accepted'],
      limit: ['1', '10', '50'],
      before: ['1', '100'],
      after: ['1'],
    },
  };
}

/** Whether a generated request left the fixtures unusable (a caller gone, the relation ended...). */
async function broken(world: World, fixtures: FixtureWorld): Promise<boolean> {
  for (const member of Object.values(fixtures.members)) {
    if ((await call(world, member, 'GET', '/user')).statusCode !== 200) return true;
  }
  const [relation] = await world.sql<{ state: number }>(`select "state" from "mentorship_relations" where "id" = ?`, [
    fixtures.relationId,
  ]);
  const [admin] = await world.sql<{ is_admin: boolean }>(`select "is_admin" from "users" where "id" = ?`, [
    fixtures.members.admin.id,
  ]);
  const [content] = await world.sql<{ tasks: number; comments: number }>(
    `select (select count(*)::int from "tasks" where "relation_id" = ? and "number" = 1) as "tasks",
            (select count(*)::int from "task_comments" where "id" = ?) as "comments"`,
    [fixtures.relationId, Number(fixtures.pathValues.comment_id[0])],
  );
  return relation?.state !== 2 || admin?.is_admin !== true || content?.tasks !== 1 || content?.comments !== 1;
}

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

/**
 * One request through the app. The answer is read as a stream, so an event stream that opens
 * (GET /events with a valid ticket or token) counts as answered once its head arrives.
 */
async function send(world: World, request: FuzzRequest): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
  });
  const answer = (async (): Promise<Answer> => {
    const response: Response = await world.test.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      payloadAsStream: true,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
    const contentType = response.headers['content-type'] as string | undefined;
    const stream = response.stream();
    if ((contentType ?? '').startsWith('text/event-stream')) {
      stream.destroy();
      return { status: response.statusCode, contentType, text: '' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return { status: response.statusCode, contentType, text: Buffer.concat(chunks).toString('utf8') };
  })();
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const describeRequest = (request: FuzzRequest) =>
  `${request.method} ${request.url.slice(0, 200)} as ${request.auth}, body ${request.bodyKind}` +
  (request.payload === undefined ? '' : `: ${request.payload.slice(0, 200)}`);

describe('fuzzing every operation of the OpenAPI document', () => {
  let world: World;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    // Generated logins fail by the thousand from one address; the throttle has specs of its own.
    world = await startWorld('postgresql', { LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000' });
    doc = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json() as OpenApiDocument;
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it(`answers ${RUNS} generated requests per operation within the contract (seed ${SEED})`, async () => {
    const checker = new ResponseChecker(doc);
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(70);
    let fixtures = await buildFixtures(world);
    const failures: string[] = [];
    let cases = 0;
    const statusCounts = new Map<string, number>();
    const neverSucceeded: string[] = [];
    for (const [index, ref] of operations.entries()) {
      let succeeded = false;
      const result = await fc.check(
        fc.asyncProperty(requestFor(doc, ref, fixtures), async (request) => {
          cases += 1;
          const answer = await send(world, request);
          const statusClass = `${Math.floor(answer.status / 100)}xx`;
          statusCounts.set(statusClass, (statusCounts.get(statusClass) ?? 0) + 1);
          if (answer.status < 300) succeeded = true;
          const problem = checker.problem(ref, answer.status, answer.contentType, answer.text);
          if (problem) throw new Error(problem);
        }),
        { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
      );
      if (result.failed) {
        const [request] = result.counterexample ?? [];
        const reason =
          result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
        failures.push(`${ref.method} ${ref.path}: ${reason}\n    request: ${request ? describeRequest(request) : '?'}`);
      }
      if (!succeeded) neverSucceeded.push(`${ref.method} ${ref.path}`);
      if (await broken(world, fixtures)) fixtures = await buildFixtures(world);
    }
    console.log(
      `openapi fuzz: ${cases} requests over ${operations.length} operations (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED}); ` +
        `answers ${[...statusCounts.entries()]
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; ` +
        `no 2xx for ${neverSucceeded.length}: ${neverSucceeded.join(', ')}`,
    );
    expect(failures).toEqual([]);
  });
});
