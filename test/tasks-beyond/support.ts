/**
 * Helpers for the task specs beyond the reference: concurrent creation over real HTTP, editing and
 * reopening, paged comments with author names, the task-activity digest emails (also with two
 * replicas on one database) and hostile input on every task and comment route.
 * Relations are made over HTTP (send_request, accept); a relation is moved out of ACCEPTED with SQL.
 * Built on test/support and test/mentorship-beyond/support, which they never change.
 */
import type { Response } from 'light-my-request';
import { APP_URL, bearer, type InjectOptions } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  createAccepted,
  createMember,
  type Env,
  type Member,
  STATE,
  statusAndBody,
} from '../mentorship-beyond/support';

export {
  createMember,
  createMembers,
  type Env,
  expectMessage,
  fetchJson,
  listen,
  type Member,
  sleep,
  STATE,
  statusAndBody,
  tally,
} from '../mentorship-beyond/support';

/** The exact texts. */
export const MSG = {
  taskCreated: 'Task was created successfully.',
  taskUpdated: 'Task was updated successfully.',
  taskDeleted: 'Task was deleted successfully.',
  taskAchieved: 'Task was achieved successfully.',
  taskAlreadyAchieved: 'Task was already achieved.',
  taskReopened: 'Task was reopened successfully.',
  taskNotCompleted: 'Task is not completed.',
  taskMissing: 'Task does not exist.',
  descriptionMissing: 'Description field is missing.',
  descriptionLength: 'The description field has to be longer than 0 characters and shorter than 401 characters.',
  descriptionNotString: 'The description field must be a string.',
  relationMissing: 'Mentorship relation does not exist.',
  notAccepted: 'This mentorship relation status is not in the accepted state.',
  notInvolved: 'You are not involved in this mentorship relation.',
  commentCreated: 'Task comment was created successfully.',
  commentUpdated: 'Task comment was updated successfully.',
  commentDeleted: 'Task comment was deleted successfully.',
  badRequest: 'The browser (or proxy) sent a request that this server could not understand.',
  notFoundUrl:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
} as const;

export const DIGEST_SUBJECT = 'Mentorship System - Task updates in your mentorship relation';

export interface Task {
  id: number;
  description: string;
  created_at: number;
  completed_at: number | null;
  created_by: number | null;
}

export interface TaskComment {
  id: number;
  user_id: number;
  user_name: string | null;
  task_id: number;
  relation_id: number;
  creation_date: number;
  modification_date: number | null;
  comment: string;
}

export type Caller = { accessToken: string };
export type Id = number | string;

/** A fresh database, an SMTP sink and the app (APP_URL and `extraEnv` set), plus the first user (the admin). */
export async function startTasksEnv(
  extraEnv: Record<string, string> = {},
): Promise<Env & { appEnv: Record<string, string> }> {
  const db: TestDatabase = await createTestDatabase();
  const sink = await new SmtpSink().start();
  const appEnv = { SMTP_URL: sink.url, APP_URL, ...extraEnv };
  let test: TestApp | undefined;
  try {
    test = await startTestApp({ databaseUrl: db.url, env: appEnv });
  } catch (error) {
    await sink.stop();
    await db.drop();
    throw error;
  }
  const env: Env & { appEnv: Record<string, string> } = {
    db,
    sink,
    test,
    appEnv,
    async close() {
      await test?.close();
      await sink.stop();
      await db.drop();
    },
  };
  // The first registered user becomes the admin: keep it out of the relations.
  await createMember(env);
  return env;
}

export interface Pair {
  mentor: Member;
  mentee: Member;
  /** The ACCEPTED relation between them (sent by the mentee, accepted by the mentor). */
  id: number;
}

/** Two fresh members in an ACCEPTED relation. */
export async function acceptedPair(env: Env): Promise<Pair> {
  const [mentor, mentee] = await Promise.all([
    createMember(env, { mentor: true }),
    createMember(env, { mentee: true }),
  ]);
  const id = await createAccepted(env, mentee, mentor, mentee);
  return { mentor, mentee, id };
}

/** Moves a relation out of ACCEPTED with SQL, freeing both parties. */
export async function moveRelation(env: Env, relationId: number, state: number): Promise<void> {
  if (state === STATE.ACCEPTED) throw new Error('moveRelation only moves a relation out of ACCEPTED');
  await query(env.db.url, 'update mentorship_relations set state = $2 where id = $1', [relationId, state]);
  await query(env.db.url, 'delete from active_mentorships where relation_id = $1', [relationId]);
}

export const relationPath = (relationId: Id) => `/mentorship_relation/${relationId}`;
export const taskPath = (relationId: Id, taskId: Id) => `${relationPath(relationId)}/task/${taskId}`;
export const commentPath = (relationId: Id, taskId: Id, commentId: Id) =>
  `${taskPath(relationId, taskId)}/comment/${commentId}`;
export const commentsPath = (relationId: Id, taskId: Id) => `${taskPath(relationId, taskId)}/comments/`;

/** A request with a JSON body sent verbatim (so null, arrays and strings can be bodies too). */
export function sendJson(
  test: TestApp,
  user: Caller,
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
): Promise<Response> {
  return test.app.inject({
    method,
    url,
    headers: { ...bearer(user.accessToken), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  } as InjectOptions);
}

/** A request without a body. */
export const bare = (test: TestApp, user: Caller, method: 'GET' | 'PUT' | 'DELETE', url: string) =>
  test.app.inject({ method, url, headers: bearer(user.accessToken) });

export const postTask = (env: Env, user: Caller, relationId: Id, body: unknown) =>
  sendJson(env.test, user, 'POST', `${relationPath(relationId)}/task`, body);
export const putTask = (env: Env, user: Caller, relationId: Id, taskId: Id, body: unknown) =>
  sendJson(env.test, user, 'PUT', taskPath(relationId, taskId), body);
export const getTasks = (env: Env, user: Caller, relationId: Id) =>
  bare(env.test, user, 'GET', `${relationPath(relationId)}/tasks`);
export const deleteTask = (env: Env, user: Caller, relationId: Id, taskId: Id) =>
  bare(env.test, user, 'DELETE', taskPath(relationId, taskId));
export const completeTask = (env: Env, user: Caller, relationId: Id, taskId: Id) =>
  bare(env.test, user, 'PUT', `${taskPath(relationId, taskId)}/complete`);
export const reopenTask = (env: Env, user: Caller, relationId: Id, taskId: Id) =>
  bare(env.test, user, 'PUT', `${taskPath(relationId, taskId)}/reopen`);
export const postComment = (env: Env, user: Caller, relationId: Id, taskId: Id, body: unknown) =>
  sendJson(env.test, user, 'POST', `${taskPath(relationId, taskId)}/comment`, body);
export const putComment = (env: Env, user: Caller, relationId: Id, taskId: Id, commentId: Id, body: unknown) =>
  sendJson(env.test, user, 'PUT', commentPath(relationId, taskId, commentId), body);
export const deleteComment = (env: Env, user: Caller, relationId: Id, taskId: Id, commentId: Id) =>
  bare(env.test, user, 'DELETE', commentPath(relationId, taskId, commentId));
export const getComments = (env: Env, user: Caller, relationId: Id, taskId: Id, search = '') =>
  bare(env.test, user, 'GET', `${commentsPath(relationId, taskId)}${search}`);

function unexpected(what: string, response: Response): Error {
  return new Error(`${what} answered ${response.statusCode}: ${response.body}`);
}

/** GET /tasks; throws unless 200 with an array. */
export async function listTasks(env: Env, user: Caller, relationId: Id): Promise<Task[]> {
  const response = await getTasks(env, user, relationId);
  if (response.statusCode !== 200 || !Array.isArray(response.json())) {
    throw unexpected(`GET tasks of ${relationId}`, response);
  }
  return response.json() as Task[];
}

/** GET /comments/ (all); throws unless 200 with an array. */
export async function listComments(env: Env, user: Caller, relationId: Id, taskId: Id): Promise<TaskComment[]> {
  const response = await getComments(env, user, relationId, taskId);
  if (response.statusCode !== 200 || !Array.isArray(response.json())) {
    throw unexpected(`GET comments of task ${taskId} in ${relationId}`, response);
  }
  return response.json() as TaskComment[];
}

/** Creates a task; throws unless 201 with the success text. */
export async function addTask(env: Env, user: Caller, relationId: number, description: string): Promise<void> {
  const response = await postTask(env, user, relationId, { description });
  if (response.statusCode !== 201 || response.json().message !== MSG.taskCreated) {
    throw unexpected(`POST task "${description}" in ${relationId}`, response);
  }
}

/** Completes a task; throws unless 200 with the success text. */
export async function achieve(env: Env, user: Caller, relationId: number, taskId: number): Promise<void> {
  const response = await completeTask(env, user, relationId, taskId);
  if (response.statusCode !== 200 || response.json().message !== MSG.taskAchieved) {
    throw unexpected(`PUT complete of task ${taskId} in ${relationId}`, response);
  }
}

/** Comments on a task; throws unless 201 with the success text. */
export async function addComment(
  env: Env,
  user: Caller,
  relationId: number,
  taskId: number,
  comment: string,
): Promise<void> {
  const response = await postComment(env, user, relationId, taskId, { comment });
  if (response.statusCode !== 201 || response.json().message !== MSG.commentCreated) {
    throw unexpected(`POST comment on task ${taskId} in ${relationId}`, response);
  }
}

/** The rels of a Link header, each with its page and per_page. */
export function parseLinks(header: string | undefined): Record<string, { page: number; perPage: number }> {
  const links: Record<string, { page: number; perPage: number }> = {};
  if (!header) return links;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part.trim());
    if (!match) throw new Error(`unparsable Link part: ${part}`);
    const url = new URL(match[1], 'http://localhost');
    links[match[2]] = {
      page: Number(url.searchParams.get('page')),
      perPage: Number(url.searchParams.get('per_page')),
    };
  }
  return links;
}

/**
 * What a hostile request must get: below 500, and JSON that is an object with a string `message`
 * (or, for a GET that succeeds, a list).
 */
export function isSaneAnswer(response: Response, allowList = false): boolean {
  if (response.statusCode >= 500) return false;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return false;
  }
  if (allowList && response.statusCode === 200 && Array.isArray(body)) return true;
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/** A short description of an answer for failure output (long bodies cut). */
export function brief(response: Response): { status: number; body: unknown } {
  const outcome = statusAndBody(response);
  if (typeof outcome.body === 'string' && outcome.body.length > 300) {
    return { ...outcome, body: `${outcome.body.slice(0, 300)}…` };
  }
  return outcome;
}
