/**
 * Helpers for the mentorship relation specs (reference §2.1 #13–14, §2.3 #18–26, §4.1, §6): members
 * with the mentor/mentee flags set through PUT /user, requests sent and answered over HTTP, and the
 * relation rows read straight from the database to build the exact objects the listings must show.
 * Built on test/support, which they never change.
 */
import type { TestApp } from '../support/app';
import { query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import { expectMessage, startTestEnv, statusAndBody, type TestEnv } from '../support/env';
import {
  bearer,
  createVerifiedUser,
  deleteOwnAccount,
  sessionlessAccessToken,
  type InjectOptions,
  type RegistrationPayload,
  type VerifiedUser,
} from '../support/accounts';

/** The exact texts (reference §7.1, plus the two beyond it). */
export const MSG = {
  sent: 'Mentorship relation was sent successfully.',
  accepted: 'Mentorship relation was accepted successfully.',
  rejected: 'Mentorship relation was rejected successfully.',
  cancelled: 'Mentorship relation was cancelled successfully.',
  deleted: 'Mentorship relation was deleted successfully.',
  mentorIdMissing: 'Mentor ID field is missing.',
  menteeIdMissing: 'Mentee ID field is missing.',
  endDateMissing: 'End date field is missing.',
  notesMissing: 'Notes field is missing.',
  matchEither: 'Your ID has to match either Mentor or Mentee IDs.',
  withYourself: 'You cannot have a mentorship relation with yourself.',
  invalidEndDate: 'Validation error. End date represented by the timestamp is invalid.',
  endDatePassed: 'End date is invalid since date has passed.',
  maxDuration: 'Mentorship relation maximum duration is 6 months.',
  minDuration: 'Mentorship relation minimum duration is 4 week.',
  mentorMissing: 'Mentor user does not exist.',
  menteeMissing: 'Mentee user does not exist.',
  mentorNotAvailable: 'Mentor user is not available to mentor.',
  menteeNotAvailable: 'Mentee user is not available to be mentored.',
  mentorInRelation: 'Mentor user is already in a relationship.',
  menteeInRelation: 'Mentee user is already in a relationship.',
  notesNotString: 'The notes field must be a string.',
  notesTooLong: 'The notes field has to be shorter than 401 characters.',
  alreadyPending: 'A pending mentorship request between these users already exists.',
  requestMissing: 'This mentorship relation request does not exist.',
  notPending: 'This mentorship relation is not in the pending state.',
  notAccepted: 'This mentorship relation status is not in the accepted state.',
  expired: 'This mentorship relation request has expired.',
  cantAcceptOwn: 'You cannot accept a mentorship request sent by yourself.',
  cantAcceptUninvolved: 'You cannot accept a mentorship relation where you are not involved.',
  callerInRelation: 'You are currently involved in a mentorship relation.',
  cantRejectOwn: 'You cannot reject a mentorship request sent by yourself.',
  cantRejectUninvolved: 'You cannot reject a mentorship relation where you are not involved.',
  cantCancelUninvolved: 'You cannot cancel a mentorship relation where you are not involved.',
  cantDelete: 'You cannot delete a mentorship request that you did not create.',
  noCurrent: 'You are not in a current mentorship relation.',
  userNotFound: 'User not found.',
  userDoesNotExist: 'User does not exist.',
  badRequest: 'The browser (or proxy) sent a request that this server could not understand.',
  userUpdated: 'User was updated successfully.',
} as const;

export const STATE = { PENDING: 1, ACCEPTED: 2, REJECTED: 3, CANCELLED: 4, COMPLETED: 5 } as const;

export const REQUEST_SUBJECT = 'Mentorship System - You have got new relation request';
export const ACCEPTED_SUBJECT = 'Mentorship relation accepted!';

export const WEEK = 7 * 24 * 3600;
export const nowSeconds = () => Date.now() / 1000;
/** An end date `weeks` from now, epoch seconds as a float (8 weeks is well inside 4–24). */
export const validEndDate = (weeks = 8) => nowSeconds() + weeks * WEEK;

/** `mentorship_request_response_body`, every relation listing. */
export const RELATION_KEYS = [
  'id',
  'action_user_id',
  'sent_by_me',
  'mentor',
  'mentee',
  'creation_date',
  'accept_date',
  'start_date',
  'end_date',
  'state',
  'notes',
].sort();
/** A dashboard item: the same without sent_by_me, and richer mentor/mentee objects. */
export const DASHBOARD_ITEM_KEYS = RELATION_KEYS.filter((key) => key !== 'sent_by_me');
export const HOME_KEYS = [
  'name',
  'pending_requests',
  'accepted_requests',
  'rejected_requests',
  'completed_relations',
  'cancelled_relations',
  'achievements',
].sort();
export const BUCKETS = ['accepted', 'rejected', 'completed', 'cancelled', 'pending'] as const;
export type Bucket = (typeof BUCKETS)[number];

export { expectMessage, statusAndBody };
export type MentorshipEnv = TestEnv;

/** A fresh database, an SMTP sink and the app. */
export const startMentorshipEnv = (): Promise<TestEnv> => startTestEnv();

export type Member = VerifiedUser;
export interface Roles {
  /** available_to_mentor */
  mentor?: boolean;
  /** need_mentoring */
  mentee?: boolean;
}

/** PUT /user with the availability flags; throws unless it answers 200. */
export async function setRoles(test: TestApp, user: Member, roles: Roles): Promise<void> {
  const payload: Record<string, boolean> = {};
  if (roles.mentor !== undefined) payload.available_to_mentor = roles.mentor;
  if (roles.mentee !== undefined) payload.need_mentoring = roles.mentee;
  const response = await test.app.inject({ method: 'PUT', url: '/user', headers: bearer(user.accessToken), payload });
  if (response.statusCode !== 200) throw new Error(`PUT /user answered ${response.statusCode}: ${response.body}`);
}

/** A verified, logged-in user with the given flags (both by default), set through PUT /user. */
export async function createMember(
  env: MentorshipEnv,
  roles: Roles = { mentor: true, mentee: true },
  overrides: Partial<RegistrationPayload> = {},
): Promise<Member> {
  const user = await createVerifiedUser(env.test, env.sink, overrides);
  if (roles.mentor || roles.mentee) await setRoles(env.test, user, roles);
  return user;
}

/**
 * An access token of a user deleted since (signed for the test, as a client would still hold one;
 * DELETE /user revokes the user's own sessions).
 */
export async function deletedUserToken(env: MentorshipEnv): Promise<{ id: number; accessToken: string }> {
  const user = await createVerifiedUser(env.test, env.sink);
  await deleteOwnAccount(env.test, user);
  return { id: user.id, accessToken: sessionlessAccessToken(user.id) };
}

/** `count` members with both flags, created a batch at a time (the outbox delivers the emails). */
export async function createMembers(env: MentorshipEnv, count: number, roles?: Roles): Promise<Member[]> {
  const members: Member[] = [];
  while (members.length < count) {
    const batch = Math.min(24, count - members.length);
    members.push(...(await Promise.all(Array.from({ length: batch }, () => createMember(env, roles)))));
  }
  return members;
}

/**
 * Users made in beforeAll and handed out by the tests, a few at a time, so every test starts from
 * members that took part in nothing else. When it runs dry it makes more (slower, never wrong).
 */
export class MemberPool {
  private constructor(
    private readonly env: MentorshipEnv,
    private readonly members: Member[],
    private readonly roles?: Roles,
  ) {}

  static async create(env: MentorshipEnv, size: number, roles?: Roles): Promise<MemberPool> {
    return new MemberPool(env, await createMembers(env, size, roles), roles);
  }

  async take(count: number): Promise<Member[]> {
    if (this.members.length < count) {
      this.members.push(...(await createMembers(this.env, count - this.members.length, this.roles)));
    }
    return this.members.splice(0, count);
  }
}

export interface RequestBody {
  mentor_id?: unknown;
  mentee_id?: unknown;
  end_date?: unknown;
  notes?: unknown;
  [key: string]: unknown;
}

/** A valid send_request body for these two (8 weeks, "some notes"); `extra` replaces fields. */
export const requestBody = (mentor: { id: number }, mentee: { id: number }, extra: RequestBody = {}): RequestBody => ({
  mentor_id: mentor.id,
  mentee_id: mentee.id,
  end_date: validEndDate(),
  notes: 'some notes',
  ...extra,
});

/** POST /mentorship_relation/send_request, answering whatever it answers. */
export const sendRequest = (test: TestApp, sender: { accessToken: string }, payload: unknown) =>
  test.app.inject({
    method: 'POST',
    url: '/mentorship_relation/send_request',
    headers: bearer(sender.accessToken),
    payload,
  } as InjectOptions);

/** The id of the newest relation with these parties and sender, from the database. */
export async function newestRelationId(
  db: TestDatabase,
  sender: { id: number },
  mentor: { id: number },
  mentee: { id: number },
): Promise<number | undefined> {
  const rows = await query<{ id: number }>(
    db.url,
    `select id from mentorship_relations where action_user_id = $1 and mentor_id = $2 and mentee_id = $3
     order by id desc limit 1`,
    [sender.id, mentor.id, mentee.id],
  );
  return rows[0]?.id;
}

/** Sends a request (valid defaults, `extra` replaces fields); throws unless 201; returns its id. */
export async function createRequest(
  env: MentorshipEnv,
  sender: Member,
  mentor: Member,
  mentee: Member,
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

export type RelationAction = 'accept' | 'reject' | 'cancel';

/** PUT /mentorship_relation/{id}/{action}, answering whatever it answers. */
export const putRelation = (
  test: TestApp,
  user: { accessToken: string },
  id: number | string,
  action: RelationAction,
) => test.app.inject({ method: 'PUT', url: `/mentorship_relation/${id}/${action}`, headers: bearer(user.accessToken) });

/** DELETE /mentorship_relation/{id}, answering whatever it answers. */
export const deleteRelation = (test: TestApp, user: { accessToken: string }, id: number | string) =>
  test.app.inject({ method: 'DELETE', url: `/mentorship_relation/${id}`, headers: bearer(user.accessToken) });

const ACTION_MESSAGES: Record<RelationAction, string> = {
  accept: MSG.accepted,
  reject: MSG.rejected,
  cancel: MSG.cancelled,
};

/** Accepts, rejects or cancels; throws unless it answers 200 with the success text. */
export async function act(env: MentorshipEnv, user: Member, id: number, action: RelationAction): Promise<void> {
  const response = await putRelation(env.test, user, id, action);
  if (response.statusCode !== 200 || response.json().message !== ACTION_MESSAGES[action]) {
    throw new Error(`PUT ${action} of ${id} by ${user.id} answered ${response.statusCode}: ${response.body}`);
  }
}

/** A request by `sender`, accepted by the other party; returns its id. */
export async function createAccepted(
  env: MentorshipEnv,
  sender: Member,
  mentor: Member,
  mentee: Member,
  extra?: RequestBody,
) {
  const id = await createRequest(env, sender, mentor, mentee, extra);
  await act(env, sender.id === mentor.id ? mentee : mentor, id, 'accept');
  return id;
}

/** An accepted relation, then cancelled by `canceller`; returns its id. */
export async function createCancelled(
  env: MentorshipEnv,
  sender: Member,
  mentor: Member,
  mentee: Member,
  canceller = sender,
) {
  const id = await createAccepted(env, sender, mentor, mentee);
  await act(env, canceller, id, 'cancel');
  return id;
}

/** A rejected request; returns its id. */
export async function createRejected(env: MentorshipEnv, sender: Member, mentor: Member, mentee: Member) {
  const id = await createRequest(env, sender, mentor, mentee);
  await act(env, sender.id === mentor.id ? mentee : mentor, id, 'reject');
  return id;
}

/**
 * A COMPLETED relation. Only the daily job completes relations (an ACCEPTED one whose end date has
 * passed), so this cancels an accepted relation (freeing both users) and then rewrites the row to
 * what the job leaves: state COMPLETED, end date a day ago.
 */
export async function createCompleted(env: MentorshipEnv, sender: Member, mentor: Member, mentee: Member) {
  const id = await createCancelled(env, sender, mentor, mentee);
  await query(
    env.db.url,
    `update mentorship_relations set state = ${STATE.COMPLETED}, end_date = extract(epoch from now()) - 86400
     where id = $1`,
    [id],
  );
  return id;
}

/** Moves a relation's end date a minute into the past. */
export async function expireRelation(db: TestDatabase, id: number): Promise<void> {
  await query(db.url, 'update mentorship_relations set end_date = extract(epoch from now()) - 60 where id = $1', [id]);
}

export interface RelationRow {
  id: number;
  mentor_id: number;
  mentee_id: number;
  action_user_id: number;
  creation_date: number;
  accept_date: number | null;
  start_date: number | null;
  end_date: number;
  state: number;
  notes: string;
}

const ROW_COLUMNS =
  'id, mentor_id, mentee_id, action_user_id, creation_date, accept_date, start_date, end_date, state, notes';

/** A relation row, or undefined when there is none. */
export async function relationRow(db: TestDatabase, id: number): Promise<RelationRow | undefined> {
  const rows = await query<RelationRow>(db.url, `select ${ROW_COLUMNS} from mentorship_relations where id = $1`, [id]);
  return rows[0];
}

/** Relation rows by id, in the order of `ids`; throws when one is missing. */
export async function relationRows(db: TestDatabase, ids: number[]): Promise<RelationRow[]> {
  const rows = await query<RelationRow>(db.url, `select ${ROW_COLUMNS} from mentorship_relations where id = any($1)`, [
    ids,
  ]);
  return ids.map((id) => {
    const row = rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no relation row ${id}`);
    return row;
  });
}

export const stateOf = async (db: TestDatabase, id: number) => (await relationRow(db, id))?.state;

export const countRelations = async (db: TestDatabase) =>
  Number((await query<{ n: string }>(db.url, 'select count(*) as n from mentorship_relations'))[0].n);

function person(people: Array<{ id: number; name: string }>, id: number) {
  const found = people.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`user ${id} is not among the people given`);
  return found;
}

/** A date column as the API must show it: null, or the stored value to the millisecond. */
export const dateOf = (value: number | null) => (value === null ? null : expect.closeTo(value, 3));

/** The exact listing object of a relation row, as `viewer` must see it. */
export function expectedRelation(
  row: RelationRow,
  viewer: { id: number },
  people: Array<{ id: number; name: string }>,
) {
  return {
    id: row.id,
    action_user_id: row.action_user_id,
    sent_by_me: row.action_user_id === viewer.id,
    mentor: { id: row.mentor_id, name: person(people, row.mentor_id).name },
    mentee: { id: row.mentee_id, name: person(people, row.mentee_id).name },
    creation_date: dateOf(row.creation_date),
    accept_date: dateOf(row.accept_date),
    start_date: dateOf(row.start_date),
    end_date: dateOf(row.end_date),
    state: row.state,
    notes: row.notes,
  };
}

/** The exact dashboard item of a relation row. */
export function expectedDashboardItem(
  row: RelationRow,
  people: Array<{ id: number; name: string; photo_url?: string | null }>,
) {
  const side = (id: number) => {
    const found = person(people, id) as { id: number; name: string; photo_url?: string | null };
    return { id, user_name: found.name, photo_url: found.photo_url ?? null };
  };
  return {
    id: row.id,
    action_user_id: row.action_user_id,
    mentor: side(row.mentor_id),
    mentee: side(row.mentee_id),
    creation_date: dateOf(row.creation_date),
    accept_date: dateOf(row.accept_date),
    start_date: dateOf(row.start_date),
    end_date: dateOf(row.end_date),
    state: row.state,
    notes: row.notes,
  };
}

/** GET with a user's token. */
export const getAs = (test: TestApp, user: { accessToken: string }, url: string) =>
  test.app.inject({ method: 'GET', url, headers: bearer(user.accessToken) });

/** GET a listing; asserts 200 and an array, and returns it. */
export async function listAs(test: TestApp, user: { accessToken: string }, url = '/mentorship_relations') {
  const response = await getAs(test, user, url);
  expect(statusAndBody(response)).toEqual({ status: 200, body: expect.any(Array) });
  return response.json() as Array<Record<string, unknown>>;
}

/** An empty dashboard half ({sent, received}, each with the five empty buckets). */
export const emptySide = (): Record<'sent' | 'received', Record<Bucket, unknown[]>> => ({
  sent: { accepted: [], rejected: [], completed: [], cancelled: [], pending: [] },
  received: { accepted: [], rejected: [], completed: [], cancelled: [], pending: [] },
});

/** Counts the emails to `recipient` with `subject`. */
export const mailCount = (sink: SmtpSink, recipient: string, subject: string) =>
  sink.messages.filter((mail) => mail.to.includes(recipient) && mail.subject === subject).length;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** dd-mm-YYYY of an epoch-seconds date, in UTC (the accepted email's end date). */
export function ddmmyyyy(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}
