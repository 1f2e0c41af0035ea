/**
 * Helpers for the mentorship specs beyond the reference: races between accepts, the completion job
 * on two replicas, the relation emails, a deleted party, the rules the reference lacks, and hostile
 * input. Built on test/support, which they never change.
 */
import type { TestApp } from '../support/app';
import { query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import { expectMessage, startTestEnv, statusAndBody, type TestEnv } from '../support/env';
import {
  bearer,
  createVerifiedUser,
  type InjectOptions,
  type RegistrationPayload,
  type VerifiedUser,
} from '../support/accounts';
import {
  STATE,
  WEEK,
  nowSeconds,
  validEndDate,
  type Roles,
  type RequestBody,
  requestBody,
  newestRelationId,
  type RelationAction,
  putRelation,
  type RelationRow,
  relationRow,
  stateOf,
  sleep,
} from '../mentorship/support';

// Shared with the parity specs' helpers.
export {
  STATE,
  WEEK,
  nowSeconds,
  validEndDate,
  type Roles,
  type RequestBody,
  requestBody,
  newestRelationId,
  type RelationAction,
  putRelation,
  type RelationRow,
  relationRow,
  stateOf,
  sleep,
};

/** The exact texts. */
export const MSG = {
  sent: 'Mentorship relation was sent successfully.',
  accepted: 'Mentorship relation was accepted successfully.',
  rejected: 'Mentorship relation was rejected successfully.',
  cancelled: 'Mentorship relation was cancelled successfully.',
  deleted: 'Mentorship relation was deleted successfully.',
  callerInRelation: 'You are currently involved in a mentorship relation.',
  mentorInRelation: 'Mentor user is already in a relationship.',
  menteeInRelation: 'Mentee user is already in a relationship.',
  alreadyPending: 'A pending mentorship request between these users already exists.',
  expired: 'This mentorship relation request has expired.',
  noCurrent: 'You are not in a current mentorship relation.',
  userDeleted: 'User was deleted successfully.',
  notFoundUrl:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
} as const;

export const SUBJECT = {
  request: 'Mentorship System - You have got new relation request',
  accepted: 'Mentorship relation accepted!',
  rejected: 'Mentorship System - Your relation request was rejected',
  cancelled: 'Mentorship System - Your mentorship relation was cancelled',
  completed: 'Mentorship System - Your mentorship relation is complete',
  withdrawn: 'Mentorship System - A relation request was withdrawn',
} as const;

export { expectMessage, statusAndBody };
export type Env = TestEnv;

/** A fresh database, an SMTP sink and the app with APP_URL set. */
export const startEnv = (): Promise<TestEnv> => startTestEnv();

export type Member = VerifiedUser;
/** PUT /user with the availability flags; throws unless it answers 200. */
export async function setRoles(test: TestApp, user: { accessToken: string }, roles: Roles): Promise<void> {
  const payload: Record<string, boolean> = {};
  if (roles.mentor !== undefined) payload.available_to_mentor = roles.mentor;
  if (roles.mentee !== undefined) payload.need_mentoring = roles.mentee;
  const response = await test.app.inject({ method: 'PUT', url: '/user', headers: bearer(user.accessToken), payload });
  if (response.statusCode !== 200) throw new Error(`PUT /user answered ${response.statusCode}: ${response.body}`);
}

/** A verified, logged-in user with the given flags (both by default), set through PUT /user. */
export async function createMember(
  env: Env,
  roles: Roles = { mentor: true, mentee: true },
  overrides: Partial<RegistrationPayload> = {},
): Promise<Member> {
  const user = await createVerifiedUser(env.test, env.sink, overrides);
  if (roles.mentor !== undefined || roles.mentee !== undefined) await setRoles(env.test, user, roles);
  return user;
}

/** `count` members, created a few at a time. */
export async function createMembers(env: Env, count: number, roles?: Roles, parallel = 8): Promise<Member[]> {
  const members: Member[] = [];
  while (members.length < count) {
    const batch = Math.min(parallel, count - members.length);
    members.push(...(await Promise.all(Array.from({ length: batch }, () => createMember(env, roles)))));
  }
  return members;
}

/** POST /mentorship_relation/send_request, answering whatever it answers. */
export const sendRequest = (test: TestApp, sender: { accessToken: string }, payload: unknown) =>
  test.app.inject({
    method: 'POST',
    url: '/mentorship_relation/send_request',
    headers: { ...bearer(sender.accessToken), 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  } as InjectOptions);

/** Sends a request (valid defaults); throws unless 201; returns its id. */
export async function createRequest(
  env: Env,
  sender: Member,
  mentor: { id: number },
  mentee: { id: number },
  extra: RequestBody = {},
): Promise<number> {
  const response = await sendRequest(env.test, sender, requestBody(mentor, mentee, extra));
  if (response.statusCode !== 201) {
    throw new Error(
      `send_request by ${sender.id} (mentor ${mentor.id}, mentee ${mentee.id}) answered ${response.statusCode}: ${response.body}`,
    );
  }
  const id = await newestRelationId(env.db, sender, mentor, mentee);
  if (id === undefined) throw new Error('send_request answered 201 but no relation row was found');
  return id;
}

/** A PENDING request written straight into the table (no email, no checks); returns its id. */
export async function insertPending(
  db: TestDatabase,
  relation: { mentorId: number; menteeId: number; actionUserId: number; endDate?: number; notes?: string },
): Promise<number> {
  const [row] = await query<{ id: number }>(
    db.url,
    `insert into mentorship_relations (mentor_id, mentee_id, action_user_id, creation_date, end_date, state, notes)
     values ($1, $2, $3, $4, $5, 1, $6) returning id`,
    [
      relation.mentorId,
      relation.menteeId,
      relation.actionUserId,
      nowSeconds(),
      relation.endDate ?? validEndDate(),
      relation.notes ?? 'inserted for a race',
    ],
  );
  return row.id;
}

/** DELETE /mentorship_relation/{id}, answering whatever it answers. */
export const deleteRelation = (test: TestApp, user: { accessToken: string }, id: number | string) =>
  test.app.inject({ method: 'DELETE', url: `/mentorship_relation/${id}`, headers: bearer(user.accessToken) });

/** GET with a token, answering whatever it answers. */
export const getAs = (test: TestApp, user: { accessToken: string }, url: string) =>
  test.app.inject({ method: 'GET', url, headers: bearer(user.accessToken) });

const ACTION_MESSAGES: Record<RelationAction, string> = {
  accept: MSG.accepted,
  reject: MSG.rejected,
  cancel: MSG.cancelled,
};

/** Accepts, rejects or cancels; throws unless it answers 200 with the success text. */
export async function act(env: Env, user: Member, id: number, action: RelationAction): Promise<void> {
  const response = await putRelation(env.test, user, id, action);
  if (response.statusCode !== 200 || response.json().message !== ACTION_MESSAGES[action]) {
    throw new Error(`PUT ${action} of ${id} by ${user.id} answered ${response.statusCode}: ${response.body}`);
  }
}

/** A request by `sender`, accepted by the other party; returns its id. */
export async function createAccepted(env: Env, sender: Member, mentor: Member, mentee: Member, extra?: RequestBody) {
  const id = await createRequest(env, sender, mentor, mentee, extra);
  await act(env, sender.id === mentor.id ? mentee : mentor, id, 'accept');
  return id;
}

/** The user ids in active_mentorships, sorted. */
export async function activeMembers(db: TestDatabase): Promise<Array<{ user_id: number; relation_id: number }>> {
  return query<{ user_id: number; relation_id: number }>(
    db.url,
    'select user_id, relation_id from active_mentorships order by user_id',
  );
}

/** Emails to `recipient` with `subject`, in arrival order. */
export const mailsTo = (sink: SmtpSink, recipient: string, subject: string) =>
  sink.messages.filter((mail) => mail.to.includes(recipient) && mail.subject === subject);

export const countMails = (sink: SmtpSink, recipient: string, subject: string) =>
  mailsTo(sink, recipient, subject).length;

/** Starts real HTTP on a free port of 127.0.0.1 and returns the base URL. */
export async function listen(test: TestApp): Promise<string> {
  await test.app.listen(0, '127.0.0.1');
  const address = test.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
  return `http://127.0.0.1:${address.port}`;
}

/** A real HTTP request through fetch: {status, body} (body parsed as JSON when it is). */
export async function fetchJson(
  baseUrl: string,
  method: string,
  path: string,
  accessToken: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: bearer(accessToken) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text so the failure shows it
  }
  return { status: response.status, body };
}

/** Counts of {status, body} outcomes, as "<status> <body json>" → n, for readable failures. */
export function tally(outcomes: Array<{ status: number; body: unknown }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = `${outcome.status} ${JSON.stringify(outcome.body)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
