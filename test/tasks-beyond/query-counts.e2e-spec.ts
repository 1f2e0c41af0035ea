/**
 * /home and /dashboard run a fixed number of queries, however many relations and tasks a user has
 * (no N+1). Counted with MikroORM's query log, with the outbox relay off.
 */
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { TokenService } from '@app/platform';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { signTestToken } from '../support/tokens';

describe('queries per read', () => {
  let db: TestDatabase;
  let test: TestApp;
  const queries: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    test = await startTestApp({ databaseUrl: db.url, outbox: { enabled: false } });
    const logger = test.app.get(MikroORM).config.getLogger() as unknown as {
      setDebugMode(mode: string[]): void;
      writer: (message: string) => void;
    };
    logger.setDebugMode(['query']);
    test.app.get(MikroORM).config.set('debug', ['query']);
    // The task digest poller runs on its own timer; its queries are not the request's.
    logger.writer = (message) => {
      if (!message.includes('task_digests')) queries.push(message);
    };
  });

  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  async function userWith(relations: number, tasksPerRelation: number): Promise<number> {
    const now = Date.now() / 1000;
    const insertUser = async (name: string) =>
      (
        await query<{ id: number }>(
          db.url,
          `insert into users (name, username, email, registration_date, is_email_verified, need_mentoring, available_to_mentor)
           values ($1, $2, $3, $4, true, true, true) returning id`,
          [
            name,
            `${name.replace(/\W/g, '')}_${Math.random().toString(36).slice(2, 8)}`,
            `${Math.random()}@example.org`,
            now,
          ],
        )
      )[0].id;
    const me = await insertUser('Main User');
    for (let index = 0; index < relations; index += 1) {
      const other = await insertUser(`Other User`);
      const state = index === 0 ? 2 : (index % 4) + 2;
      const [mentor, mentee] = index % 2 === 0 ? [me, other] : [other, me];
      const [{ id }] = await query<{ id: number }>(
        db.url,
        `insert into mentorship_relations (mentor_id, mentee_id, action_user_id, creation_date, end_date, state, notes)
         values ($1, $2, $2, $3, $4, $5, '') returning id`,
        [mentor, mentee, now, now + 30 * 86400, state],
      );
      for (let number = 1; number <= tasksPerRelation; number += 1) {
        await query(
          db.url,
          `insert into tasks (relation_id, number, description, is_done, created_at, completed_at, created_by)
           values ($1, $2, 'Task', $3, $4, $5, $6)`,
          [id, number, number % 2 === 0, now, number % 2 === 0 ? now + number : null, me],
        );
      }
    }
    return me;
  }

  /** An access token of a login session (a sessions row), as POST /login issues them. */
  async function sessionToken(userId: number): Promise<string> {
    const sessionId = randomUUID();
    await query(
      db.url,
      `insert into sessions (id, user_id, refresh_token_id, created_at, expires_at)
       values ($1, $2, $3, now(), now() + interval '1 day')`,
      [sessionId, userId, randomUUID()],
    );
    return test.app.get(TokenService).issue(userId, 'access', { sessionId }).token;
  }

  async function countQueries(url: string, userId: number, token?: string): Promise<number> {
    queries.length = 0;
    const response = await test.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token ?? signTestToken({ identity: userId, type: 'access' })}` },
    });
    expect(response.statusCode).toBe(200);
    return queries.length;
  }

  /** Statements per read, the token check included. */
  const READS: Array<[string, number]> = [
    ['/home', 3],
    ['/dashboard', 3],
    ['/mentorship_relations', 2],
  ];

  it.each(READS)(
    '%s takes %i queries for 1 relation with 1 task and for 12 relations with 8 tasks each',
    async (url, expected) => {
      const small = await userWith(1, 1);
      const large = await userWith(12, 8);
      expect(await countQueries(url, small)).toBe(expected);
      expect(await countQueries(url, large)).toBe(expected);
    },
  );

  it.each(READS)(
    '%s with a login session takes %i queries too: the session check reads the caller',
    async (url, expected) => {
      const user = await userWith(3, 2);
      expect(await countQueries(url, user, await sessionToken(user))).toBe(expected);
    },
  );

  it('a task list takes 2 statements and a comment page 3, the session check included, however long', async () => {
    const user = await userWith(1, 8);
    const [{ id: relationId }] = await query<{ id: number }>(
      db.url,
      'select id from mentorship_relations where mentor_id = $1 or mentee_id = $1',
      [user],
    );
    const [{ id: taskId }] = await query<{ id: number }>(
      db.url,
      'select id from tasks where relation_id = $1 and number = 1',
      [relationId],
    );
    for (let n = 0; n < 12; n += 1) {
      await query(
        db.url,
        `insert into task_comments (task_id, relation_id, user_id, comment, creation_date) values ($1, $2, $3, 'Hi', 1)`,
        [taskId, relationId, user],
      );
    }
    const token = await sessionToken(user);
    expect(await countQueries(`/mentorship_relation/${relationId}/tasks`, user, token)).toBe(2);
    expect(await countQueries(`/mentorship_relation/${relationId}/task/1/comments`, user, token)).toBe(3);
    expect(
      await countQueries(`/mentorship_relation/${relationId}/task/1/comments?page=2&per_page=5`, user, token),
    ).toBe(3);
  });
});
