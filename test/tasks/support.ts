/**
 * Helpers for the task and task-comment specs (reference §2.4 #27–30, §2.5 #31–34, §4.2, §4.3, and
 * the task parts of §2.1 #13–14). Relations are made over HTTP with the mentorship helpers (send,
 * accept); a relation is moved out of ACCEPTED with SQL (state, and its active_mentorships rows),
 * because tasks can only be created while it is ACCEPTED. Everything about tasks and comments goes
 * over HTTP only: the tasks lib's tables are its own business.
 * Built on test/support and test/mentorship/support, which they never change.
 */
import type { Response } from 'light-my-request';
import { bearer, type InjectOptions, NOT_FOUND_URL } from '../support/accounts';
import { query } from '../support/database';
import {
  createAccepted,
  createMember,
  type Member,
  MemberPool,
  type MentorshipEnv,
  startMentorshipEnv,
  STATE,
  statusAndBody,
} from '../mentorship/support';

export {
  act,
  createAccepted,
  createCancelled,
  createCompleted,
  createMember,
  createMembers,
  createRejected,
  createRequest,
  deleteRelation,
  deletedUserToken,
  expectMessage,
  getAs,
  type Member,
  MemberPool,
  type MentorshipEnv,
  MSG as RELATION_MSG,
  putRelation,
  requestBody,
  sendRequest,
  startMentorshipEnv,
  STATE,
  statusAndBody,
} from '../mentorship/support';
export { itRejectsMissingExpiredAndInvalidTokens, NOT_FOUND_URL, sessionlessAccessToken } from '../support/accounts';

/** The exact texts (reference §7.1, plus the description checks that go beyond it). */
export const MSG = {
  taskCreated: 'Task was created successfully.',
  taskDeleted: 'Task was deleted successfully.',
  taskAchieved: 'Task was achieved successfully.',
  taskAlreadyAchieved: 'Task was already achieved.',
  taskMissing: 'Task does not exist.',
  descriptionMissing: 'Description field is missing.',
  descriptionLength: 'The description field has to be longer than 0 characters and shorter than 401 characters.',
  descriptionNotString: 'The description field must be a string.',
  relationMissing: 'Mentorship relation does not exist.',
  userDoesNotExist: 'User does not exist.',
  userNotFound: 'User not found.',
  notAccepted: 'This mentorship relation status is not in the accepted state.',
  notInvolved: 'You are not involved in this mentorship relation.',
  commentFieldMissing: 'Comment field is missing.',
  commentNotString: 'Comment must be in string format.',
  commentTooLong: 'The comment field has to be shorter than 401 characters.',
  commentCreated: 'Task comment was created successfully.',
  commentUpdated: 'Task comment was updated successfully.',
  commentDeleted: 'Task comment was deleted successfully.',
  commentMissing: 'Task comment does not exist.',
  commentNotYoursModify: 'You have not created the comment and therefore cannot modify it.',
  commentNotYoursDelete: 'You have not created the comment and therefore cannot delete it.',
  commentOfOtherTask: 'Task comment with given task id does not exist.',
  notFoundUrl: NOT_FOUND_URL,
} as const;

/** A GET /tasks item (`list_tasks_response_body` plus created_by, beyond the reference). */
export const TASK_KEYS = ['id', 'description', 'created_at', 'completed_at', 'created_by'].sort();
/** A /dashboard tasks_todo / tasks_done item. */
export const DASHBOARD_TASK_KEYS = ['id', 'description', 'created_at', 'completed_at'].sort();
/** A /home achievement (the raw task JSON of the reference). */
export const ACHIEVEMENT_KEYS = ['id', 'description', 'is_done', 'created_at', 'completed_at'].sort();
/** A GET /comments item (`task_comment_model` plus user_name, beyond the reference). */
export const COMMENT_KEYS = [
  'id',
  'user_id',
  'user_name',
  'task_id',
  'relation_id',
  'creation_date',
  'modification_date',
  'comment',
].sort();

/** Path ids that are not non-negative integers: the routing 404. */
export const NON_INTEGER_IDS = ['abc', '-1', '1.5', '1e3', '+1', '%20', 'null'];

export interface Task {
  id: number;
  description: string;
  created_at: number;
  completed_at: number | null;
  created_by: number;
}

export interface TaskComment {
  id: number;
  user_id: number;
  user_name: string;
  task_id: number;
  relation_id: number;
  creation_date: number;
  modification_date: number | null;
  comment: string;
}

export type Caller = { accessToken: string };
export type Id = number | string;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh database, an SMTP sink, the app, the first user (the admin, who must stay) and a pool. */
export async function startTasksEnv(poolSize: number): Promise<{ env: MentorshipEnv; pool: MemberPool }> {
  const env = await startMentorshipEnv();
  await createMember(env); // the first user, the admin
  const pool = await MemberPool.create(env, poolSize);
  return { env, pool };
}

/** A request with a JSON body sent verbatim (so null, arrays and strings can be bodies too). */
export function sendJson(
  env: MentorshipEnv,
  user: Caller,
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
): Promise<Response> {
  return env.test.app.inject({
    method,
    url,
    headers: { ...bearer(user.accessToken), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  } as InjectOptions);
}

export const taskPath = (relationId: Id, taskId: Id) => `/mentorship_relation/${relationId}/task/${taskId}`;
export const commentPath = (relationId: Id, taskId: Id, commentId: Id) =>
  `${taskPath(relationId, taskId)}/comment/${commentId}`;
export const commentsPath = (relationId: Id, taskId: Id, slash = true) =>
  `${taskPath(relationId, taskId)}/comments${slash ? '/' : ''}`;

/** POST /mentorship_relation/{id}/task with `{description}` (or the body given as is). */
export const postTask = (env: MentorshipEnv, user: Caller, relationId: Id, body: unknown) =>
  sendJson(env, user, 'POST', `/mentorship_relation/${relationId}/task`, body);

/** GET /mentorship_relation/{id}/tasks. */
export const getTasks = (env: MentorshipEnv, user: Caller, relationId: Id) =>
  env.test.app.inject({
    method: 'GET',
    url: `/mentorship_relation/${relationId}/tasks`,
    headers: bearer(user.accessToken),
  });

/** DELETE /mentorship_relation/{id}/task/{task_id}. */
export const deleteTask = (env: MentorshipEnv, user: Caller, relationId: Id, taskId: Id) =>
  env.test.app.inject({ method: 'DELETE', url: taskPath(relationId, taskId), headers: bearer(user.accessToken) });

/** PUT /mentorship_relation/{id}/task/{task_id}/complete. */
export const completeTask = (env: MentorshipEnv, user: Caller, relationId: Id, taskId: Id) =>
  env.test.app.inject({
    method: 'PUT',
    url: `${taskPath(relationId, taskId)}/complete`,
    headers: bearer(user.accessToken),
  });

/** POST .../task/{task_id}/comment with the body given as is. */
export const postComment = (env: MentorshipEnv, user: Caller, relationId: Id, taskId: Id, body: unknown) =>
  sendJson(env, user, 'POST', `${taskPath(relationId, taskId)}/comment`, body);

/** PUT .../task/{task_id}/comment/{comment_id} with the body given as is. */
export const putComment = (
  env: MentorshipEnv,
  user: Caller,
  relationId: Id,
  taskId: Id,
  commentId: Id,
  body: unknown,
) => sendJson(env, user, 'PUT', commentPath(relationId, taskId, commentId), body);

/** DELETE .../task/{task_id}/comment/{comment_id}. */
export const deleteComment = (env: MentorshipEnv, user: Caller, relationId: Id, taskId: Id, commentId: Id) =>
  env.test.app.inject({
    method: 'DELETE',
    url: commentPath(relationId, taskId, commentId),
    headers: bearer(user.accessToken),
  });

/** GET .../task/{task_id}/comments/ (or without the trailing slash). */
export const getComments = (env: MentorshipEnv, user: Caller, relationId: Id, taskId: Id, slash = true) =>
  env.test.app.inject({
    method: 'GET',
    url: commentsPath(relationId, taskId, slash),
    headers: bearer(user.accessToken),
  });

function unexpected(what: string, response: Response): Error {
  return new Error(`${what} answered ${response.statusCode}: ${response.body}`);
}

/** GET /tasks; asserts 200 with an array and returns it. */
export async function listTasks(env: MentorshipEnv, user: Caller, relationId: Id): Promise<Task[]> {
  const response = await getTasks(env, user, relationId);
  expect(statusAndBody(response)).toEqual({ status: 200, body: expect.any(Array) });
  return response.json() as Task[];
}

/** GET /comments/; asserts 200 with an array and returns it. */
export async function listComments(
  env: MentorshipEnv,
  user: Caller,
  relationId: Id,
  taskId: Id,
): Promise<TaskComment[]> {
  const response = await getComments(env, user, relationId, taskId);
  expect(statusAndBody(response)).toEqual({ status: 200, body: expect.any(Array) });
  return response.json() as TaskComment[];
}

/** Creates a task; throws unless 201 with the success text; returns the new task as listed (the last one). */
export async function addTask(env: MentorshipEnv, user: Caller, relationId: number, description: string) {
  const response = await postTask(env, user, relationId, { description });
  if (response.statusCode !== 201 || response.json().message !== MSG.taskCreated) {
    throw unexpected(`POST task "${description}" in ${relationId}`, response);
  }
  const tasks = await listTasks(env, user, relationId);
  const task = tasks[tasks.length - 1];
  if (!task || task.description !== description.trim()) {
    throw new Error(`the new task "${description}" is not the last one listed: ${JSON.stringify(tasks)}`);
  }
  return task;
}

/** Completes a task; throws unless 200 with the success text. */
export async function achieve(env: MentorshipEnv, user: Caller, relationId: number, taskId: number): Promise<void> {
  const response = await completeTask(env, user, relationId, taskId);
  if (response.statusCode !== 200 || response.json().message !== MSG.taskAchieved) {
    throw unexpected(`PUT complete of task ${taskId} in ${relationId}`, response);
  }
}

/** Comments on a task; throws unless 201; returns the new comment as listed (the last one). */
export async function addComment(
  env: MentorshipEnv,
  user: Caller,
  relationId: number,
  taskId: number,
  comment: string,
): Promise<TaskComment> {
  const response = await postComment(env, user, relationId, taskId, { comment });
  if (response.statusCode !== 201 || response.json().message !== MSG.commentCreated) {
    throw unexpected(`POST comment on task ${taskId} in ${relationId}`, response);
  }
  const comments = await listComments(env, user, relationId, taskId);
  const last = comments[comments.length - 1];
  if (!last || last.comment !== comment) {
    throw new Error(`the new comment is not the last one listed: ${JSON.stringify(comments)}`);
  }
  return last;
}

export interface Pair {
  mentor: Member;
  mentee: Member;
  /** the ACCEPTED relation between them (sent by the mentee, accepted by the mentor) */
  id: number;
}

/** Two fresh members in an ACCEPTED relation. */
export async function acceptedPair(env: MentorshipEnv, pool: MemberPool): Promise<Pair> {
  const [mentor, mentee] = await pool.take(2);
  const id = await createAccepted(env, mentee, mentor, mentee);
  return { mentor, mentee, id };
}

/**
 * Moves a relation out of ACCEPTED with SQL (PENDING, REJECTED, CANCELLED or COMPLETED), freeing
 * both parties, as the cancel endpoint or the completion job would leave it.
 */
export async function moveRelation(env: MentorshipEnv, relationId: number, state: number): Promise<void> {
  if (state === STATE.ACCEPTED) throw new Error('moveRelation only moves a relation out of ACCEPTED');
  await query(env.db.url, 'update mentorship_relations set state = $2 where id = $1', [relationId, state]);
  await query(env.db.url, 'delete from active_mentorships where relation_id = $1', [relationId]);
}

export const NON_ACCEPTED_STATES = [
  ['PENDING', STATE.PENDING],
  ['REJECTED', STATE.REJECTED],
  ['CANCELLED', STATE.CANCELLED],
  ['COMPLETED', STATE.COMPLETED],
] as const;

/** Epoch seconds now (a float). */
export const nowSeconds = () => Date.now() / 1000;

/** A number within [low, high]: an asymmetric matcher for toEqual. */
export function between(low: number, high: number) {
  return {
    asymmetricMatch: (actual: unknown) => typeof actual === 'number' && actual >= low && actual <= high,
    toAsymmetricMatcher: () => `a number between ${low} and ${high}`,
    toString: () => `between(${low}, ${high})`,
  };
}

export type DateMatcher = ReturnType<typeof between>;

/**
 * Runs `action` and answers its result with a matcher for an epoch-seconds date taken during it
 * (one second of slack either side, for the database's clock and rounding).
 */
export async function during<T>(action: () => Promise<T>): Promise<{ result: T; date: DateMatcher }> {
  const before = nowSeconds();
  const result = await action();
  const after = nowSeconds();
  return { result, date: between(before - 1, after + 1) };
}

/** The task as /dashboard shows it (no is_done, no created_by). */
export const dashboardItem = (task: Task) => ({
  id: task.id,
  description: task.description,
  created_at: task.created_at,
  completed_at: task.completed_at,
});

/** The task as a /home achievement shows it (with is_done, without created_by). */
export const achievementItem = (task: Task) => ({
  id: task.id,
  description: task.description,
  is_done: true,
  created_at: task.created_at,
  completed_at: task.completed_at,
});

/** Either answer a deleted caller may get where the contract leaves it open; never a 5xx. */
export function expectDeletedCallerRefused(response: Response): void {
  const outcome = statusAndBody(response);
  expect([
    { status: 404, body: { message: MSG.userDoesNotExist } },
    { status: 401, body: { message: MSG.notInvolved } },
  ]).toContainEqual(outcome);
}
