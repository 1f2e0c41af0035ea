/**
 * Helpers for the relation-life specs (pending requests that do not rot, proposals, feedback).
 * Every spec here runs on both databases the README promises: PostgreSQL (DATABASE_URL) and the
 * embedded PGlite (DATA_DIR, no DATABASE_URL). The world's `sql` goes through the app's own
 * connection, so the same setup code works on both. Built on test/support, which it never changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { Response } from 'light-my-request';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import { APP_URL, bearer, createVerifiedUser, type RegistrationPayload, type VerifiedUser } from '../support/accounts';
import { expectMessage, statusAndBody } from '../support/env';

export { expectMessage, statusAndBody };

export type Backend = 'postgresql' | 'embedded';
/** What `describe.each(BACKENDS)` runs every relation-life spec on. */
export const BACKENDS: Backend[] = ['postgresql', 'embedded'];

export const STATE = { PENDING: 1, ACCEPTED: 2, REJECTED: 3, CANCELLED: 4, COMPLETED: 5 } as const;
export const HOUR = 3600;
export const DAY = 86_400;
export const WEEK = 7 * DAY;
export const nowSeconds = () => Date.now() / 1000;

export type Member = VerifiedUser;

/** One spec's world on one backend: the app, an SMTP sink, and SQL through the app's connection. */
export interface World {
  backend: Backend;
  test: TestApp;
  sink: SmtpSink;
  /** PostgreSQL only: the database, for a second app (replica) on the same data. */
  db?: TestDatabase;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Another app on the same PostgreSQL database (a replica); not possible on the embedded one. */
  startReplica(env?: Record<string, string>): Promise<TestApp>;
  close(): Promise<void>;
}

/** Starts the app on `backend` with SMTP going to a sink; `env` adds variables (bounds, durations...). */
export async function startWorld(
  backend: Backend,
  env: Record<string, string> = {},
  options: Pick<TestAppOptions, 'imports'> = {},
): Promise<World> {
  const sink = await new SmtpSink().start();
  const appEnv = { SMTP_URL: sink.url, APP_URL, ...env };
  let db: TestDatabase | undefined;
  let dataDir: string | undefined;
  let test: TestApp;
  if (backend === 'postgresql') {
    db = await createTestDatabase();
    test = await startTestApp({ databaseUrl: db.url, env: appEnv, ...options });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'mentorship-life-'));
    test = await startTestApp({ env: { ...appEnv, DATA_DIR: dataDir }, ...options });
  }
  const replicas: TestApp[] = [];
  return {
    backend,
    test,
    sink,
    db,
    sql: <T>(text: string, params: unknown[] = []) =>
      test.app.get(MikroORM).em.fork().getConnection().execute(text, params) as Promise<T[]>,
    async startReplica(extra: Record<string, string> = {}) {
      if (!db) throw new Error('a replica needs PostgreSQL');
      const replica = await startTestApp({ databaseUrl: db.url, env: { ...appEnv, ...extra }, ...options });
      replicas.push(replica);
      return replica;
    },
    async close() {
      for (const replica of replicas) await replica.close().catch(() => undefined);
      await test?.close();
      await sink.stop();
      await db?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A verified, logged-in member, both a mentor and a mentee unless `roles` says otherwise. */
export async function createMember(
  world: World,
  roles: { mentor?: boolean; mentee?: boolean } = { mentor: true, mentee: true },
  overrides: Partial<RegistrationPayload> = {},
): Promise<Member> {
  const user = await createVerifiedUser(world.test, world.sink, overrides);
  const payload: Record<string, boolean> = {};
  if (roles.mentor !== undefined) payload.available_to_mentor = roles.mentor;
  if (roles.mentee !== undefined) payload.need_mentoring = roles.mentee;
  const response = await call(world, user, 'PUT', '/user', payload);
  if (response.statusCode !== 200) throw new Error(`PUT /user answered ${response.statusCode}: ${response.body}`);
  return user;
}

export async function createMembers(world: World, count: number): Promise<Member[]> {
  const members: Member[] = [];
  while (members.length < count) {
    const batch = Math.min(4, count - members.length);
    members.push(...(await Promise.all(Array.from({ length: batch }, () => createMember(world)))));
  }
  return members;
}

/** Any request as `user` (a JSON body when `payload` is given). */
export function call(
  world: World | TestApp,
  user: { accessToken: string } | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<Response> {
  const test = 'test' in world ? world.test : world;
  return test.app.inject({
    method,
    url,
    headers: {
      ...(user ? bearer(user.accessToken) : {}),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
}

/** Sends a request (end date 8 weeks ahead); throws unless 201; returns the new relation's id. */
export async function createRequest(
  world: World,
  sender: Member,
  mentor: { id: number },
  mentee: { id: number },
  endDate = nowSeconds() + 8 * WEEK,
): Promise<number> {
  const response = await call(world, sender, 'POST', '/mentorship_relation/send_request', {
    mentor_id: mentor.id,
    mentee_id: mentee.id,
    end_date: endDate,
    notes: 'Please mentor me',
  });
  if (response.statusCode !== 201) throw new Error(`send_request answered ${response.statusCode}: ${response.body}`);
  const [row] = await world.sql<{ id: number }>(
    `select "id" from "mentorship_relations" where "action_user_id" = ? and "mentor_id" = ? and "mentee_id" = ?
      order by "id" desc limit 1`,
    [sender.id, mentor.id, mentee.id],
  );
  return row.id;
}

/** A request sent by `mentee` to `mentor` and accepted by the mentor; returns its id. */
export async function createAccepted(world: World, mentor: Member, mentee: Member, endDate?: number): Promise<number> {
  const id = await createRequest(world, mentee, mentor, mentee, endDate);
  const response = await call(world, mentor, 'PUT', `/mentorship_relation/${id}/accept`);
  if (response.statusCode !== 200) throw new Error(`accept answered ${response.statusCode}: ${response.body}`);
  return id;
}

/**
 * An ACCEPTED relation marked COMPLETED `completedDaysAgo` days ago, straight in the tables (as the
 * daily job would have left it), so feedback windows can be placed anywhere in time.
 */
export async function createCompleted(
  world: World,
  mentor: Member,
  mentee: Member,
  completedDaysAgo = 1,
): Promise<number> {
  const id = await createAccepted(world, mentor, mentee);
  const completedAt = nowSeconds() - completedDaysAgo * DAY;
  await world.sql(`delete from "active_mentorships" where "relation_id" = ?`, [id]);
  await world.sql(`update "mentorship_relations" set "state" = 5, "completed_at" = ?, "end_date" = ? where "id" = ?`, [
    completedAt,
    completedAt,
    id,
  ]);
  return id;
}

export async function relationRow(world: World, id: number) {
  const [row] = await world.sql<{
    state: number;
    reminded_at: number | null;
    expired_at: number | null;
    completed_at: number | null;
    end_date: number;
  }>(
    `select "state", "reminded_at", "expired_at", "completed_at", "end_date" from "mentorship_relations" where "id" = ?`,
    [id],
  );
  return row;
}

/** Mails to `recipient` with `subject` received so far. */
export const countMails = (sink: SmtpSink, recipient: string, subject: string) =>
  sink.messages.filter((mail) => mail.to.includes(recipient) && mail.subject === subject).length;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
