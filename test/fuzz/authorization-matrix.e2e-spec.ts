/**
 * The authorization matrix (issue 15), generated over the route table of /docs-json: every
 * operation that needs a token is called with no token, an expired one, a tampered one, one signed
 * with `alg: none`, a refresh token and the token of a deleted account, and must answer 401 with the
 * reference's message for each, before it looks at anything else. Every admin operation answers a
 * verified non-admin 403. Every operation on a relation answers a member outside the relation
 * exactly as it answers anyone for a relation that does not exist, except where the reference
 * itself tells the two apart (listed below, with its answer). And every operation succeeds (2xx)
 * for its rightful caller: the recipes below, one per operation; a spec fails when the document
 * gains an operation without one, so a new route cannot skip the matrix.
 */
import { createHmac } from 'node:crypto';
import type { Response } from 'light-my-request';
import { confirmationPath, newRegistration, verificationMails } from '../support/accounts';
import { signTestToken } from '../support/tokens';
import { eventually } from '../support/app';
import {
  call,
  createAccepted,
  createCompleted,
  createMember,
  createRequest,
  type Member,
  startWorld,
  type World,
} from '../relation-life/support';
import { type OpenApiDocument, operationsOf, type OperationRef } from './openapi';

const MESSAGES = {
  missing: 'The authorization token is missing!',
  expired: 'The token has expired! Please, login again or refresh it.',
  invalid: 'The token is invalid!',
  revoked: 'The token has been revoked! Please, login again.',
  notAdmin: 'User is not an Admin.',
  notInvolved: 'You are not involved in this mentorship relation.',
};
const MISSING_ID = '2147483000';

type Caller = Member | null;
interface Call {
  as: Caller;
  url: string;
  payload?: unknown;
  /** Sent as the bearer token instead of `as`'s access token (POST /refresh). */
  token?: string;
}
type Recipe = (ctx: Context) => Promise<Call>;

interface Context {
  world: World;
  mentor: Member;
  mentee: Member;
  admin: Member;
  outsider: Member;
  relationId: number;
  member(roles?: { mentor?: boolean; mentee?: boolean }): Promise<Member>;
  accepted(): Promise<{ mentor: Member; mentee: Member; id: number }>;
  pending(): Promise<{ sender: Member; receiver: Member; id: number }>;
  completed(): Promise<{ mentor: Member; mentee: Member; id: number }>;
  task(relation: { mentor: Member; mentee: Member; id: number }): Promise<number>;
  mailTo(email: string, subject?: RegExp): Promise<{ text: string; html: string; header(name: string): string }>;
}

const WEEK = 7 * 86_400;
const inWeeks = (weeks: number) => Date.now() / 1000 + weeks * WEEK;
const created = async (response: Response, what: string) => {
  if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return response.json() as Record<string, unknown>;
};

/** The rightful caller of every operation and what they send; each must get a 2xx. */
const RECIPES: Record<string, Recipe> = {
  'GET /health/live': async () => ({ as: null, url: '/health/live' }),
  'GET /health/ready': async () => ({ as: null, url: '/health/ready' }),
  'POST /register': async () => ({ as: null, url: '/register', payload: newRegistration() }),
  'GET /user/confirm_email/{token}': async ({ world }) => {
    const registration = newRegistration();
    await created(await call(world, null, 'POST', '/register', registration), 'register');
    const mail = await eventually(() => verificationMails(world.sink, registration.email)[0]);
    return { as: null, url: confirmationPath(mail) };
  },
  'POST /user/resend_email': async ({ world }) => {
    const registration = newRegistration();
    await created(await call(world, null, 'POST', '/register', registration), 'register');
    return { as: null, url: '/user/resend_email', payload: { email: registration.email } };
  },
  'POST /login': async ({ outsider }) => ({
    as: null,
    url: '/login',
    payload: { username: outsider.username, password: outsider.password },
  }),
  'POST /refresh': async ({ outsider }) => ({ as: outsider, url: '/refresh', token: outsider.refreshToken }),
  'POST /logout': async ({ member }) => ({ as: await member(), url: '/logout' }),
  'POST /user/forgot_password': async ({ outsider }) => ({
    as: null,
    url: '/user/forgot_password',
    payload: { email: outsider.email },
  }),
  'GET /user/reset_password/{token}': async () => ({ as: null, url: '/user/reset_password/any-token' }),
  'POST /user/reset_password': async ({ world, member, mailTo }) => {
    const someone = await member();
    await created(await call(world, null, 'POST', '/user/forgot_password', { email: someone.email }), 'forgot');
    const mail = await mailTo(someone.email, /reset/i);
    const match = /\/user\/reset_password\/([A-Za-z0-9._~%-]+)/.exec(mail.text);
    if (!match) throw new Error('no reset link in the email');
    const token = decodeURIComponent(match[1]);
    return { as: null, url: '/user/reset_password', payload: { token, new_password: 'Another_pass_456' } };
  },
  'GET /users': async ({ mentee }) => ({ as: mentee, url: '/users' }),
  'GET /users/verified': async ({ mentee }) => ({ as: mentee, url: '/users/verified' }),
  'GET /users/{user_id}': async ({ mentee, outsider }) => ({ as: mentee, url: `/users/${outsider.id}` }),
  'GET /user': async ({ mentee }) => ({ as: mentee, url: '/user' }),
  'PUT /user': async ({ mentee }) => ({ as: mentee, url: '/user', payload: { bio: 'Learning every day' } }),
  'DELETE /user': async ({ member }) => ({ as: await member(), url: '/user' }),
  'PUT /user/change_password': async ({ member }) => {
    const someone = await member();
    return {
      as: someone,
      url: '/user/change_password',
      payload: { current_password: someone.password, new_password: 'Another_pass_456' },
    };
  },
  'POST /admin/new': async ({ admin, member }) => ({
    as: admin,
    url: '/admin/new',
    payload: { user_id: (await member()).id },
  }),
  'POST /admin/remove': async ({ world, admin, member }) => {
    const other = await member();
    await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [other.id]);
    return { as: admin, url: '/admin/remove', payload: { user_id: other.id } };
  },
  'GET /admins': async ({ admin }) => ({ as: admin, url: '/admins' }),
  'POST /admin/users/{user_id}/suspend': async ({ admin, member }) => ({
    as: admin,
    url: `/admin/users/${(await member()).id}/suspend`,
    payload: { days: 3, reason: 'matrix' },
  }),
  'DELETE /admin/users/{user_id}/suspend': async ({ world, admin, member }) => {
    const someone = await member();
    await created(await call(world, admin, 'POST', `/admin/users/${someone.id}/suspend`, { days: 3 }), 'suspend first');
    return { as: admin, url: `/admin/users/${someone.id}/suspend` };
  },
  'POST /users/{user_id}/block': async ({ outsider, member }) => ({
    as: outsider,
    url: `/users/${(await member()).id}/block`,
  }),
  'DELETE /users/{user_id}/block': async ({ world, outsider, member }) => {
    const someone = await member();
    await created(await call(world, outsider, 'POST', `/users/${someone.id}/block`), 'block first');
    return { as: outsider, url: `/users/${someone.id}/block` };
  },
  'GET /user/blocks': async ({ outsider }) => ({ as: outsider, url: '/user/blocks' }),
  'GET /skills': async ({ mentee }) => ({ as: mentee, url: '/skills?prefix=t' }),
  'GET /user/tags': async ({ mentee }) => ({ as: mentee, url: '/user/tags' }),
  'POST /mentorship_relation/send_request': async ({ member }) => {
    const [mentor, mentee] = [
      await member({ mentor: true, mentee: false }),
      await member({ mentor: false, mentee: true }),
    ];
    return {
      as: mentee,
      url: '/mentorship_relation/send_request',
      payload: { mentor_id: mentor.id, mentee_id: mentee.id, end_date: inWeeks(8), notes: 'Please' },
    };
  },
  'GET /mentorship_relations': async ({ mentee }) => ({ as: mentee, url: '/mentorship_relations' }),
  'GET /mentorship_relations/past': async ({ mentee }) => ({ as: mentee, url: '/mentorship_relations/past' }),
  'GET /mentorship_relations/current': async ({ mentee }) => ({ as: mentee, url: '/mentorship_relations/current' }),
  'GET /mentorship_relations/pending': async ({ mentee }) => ({ as: mentee, url: '/mentorship_relations/pending' }),
  'PUT /mentorship_relation/{request_id}/accept': async ({ pending }) => {
    const { receiver, id } = await pending();
    return { as: receiver, url: `/mentorship_relation/${id}/accept` };
  },
  'PUT /mentorship_relation/{request_id}/reject': async ({ pending }) => {
    const { receiver, id } = await pending();
    return { as: receiver, url: `/mentorship_relation/${id}/reject` };
  },
  'PUT /mentorship_relation/{request_id}/cancel': async ({ accepted }) => {
    const { mentee, id } = await accepted();
    return { as: mentee, url: `/mentorship_relation/${id}/cancel` };
  },
  'DELETE /mentorship_relation/{request_id}': async ({ pending }) => {
    const { sender, id } = await pending();
    return { as: sender, url: `/mentorship_relation/${id}` };
  },
  'POST /mentorship_relation/{request_id}/proposals': async ({ accepted }) => {
    const { mentee, id } = await accepted();
    return { as: mentee, url: `/mentorship_relation/${id}/proposals`, payload: { kind: 'complete' } };
  },
  'GET /mentorship_relation/{request_id}/proposals': async ({ mentee, relationId }) => ({
    as: mentee,
    url: `/mentorship_relation/${relationId}/proposals`,
  }),
  'PUT /mentorship_relation/{request_id}/proposals/{proposal_id}/accept': async (ctx) => {
    const { mentor, id, proposal } = await proposed(ctx);
    return { as: mentor, url: `/mentorship_relation/${id}/proposals/${String(proposal.id)}/accept` };
  },
  'PUT /mentorship_relation/{request_id}/proposals/{proposal_id}/decline': async (ctx) => {
    const { mentor, id, proposal } = await proposed(ctx);
    return { as: mentor, url: `/mentorship_relation/${id}/proposals/${String(proposal.id)}/decline` };
  },
  'DELETE /mentorship_relation/{request_id}/proposals/{proposal_id}': async (ctx) => {
    const { mentee, id, proposal } = await proposed(ctx);
    return { as: mentee, url: `/mentorship_relation/${id}/proposals/${String(proposal.id)}` };
  },
  'GET /home': async ({ mentee }) => ({ as: mentee, url: '/home' }),
  'GET /dashboard': async ({ mentee }) => ({ as: mentee, url: '/dashboard' }),
  'POST /mentorship_relation/{request_id}/feedback': async ({ completed }) => {
    const { mentee, id } = await completed();
    return { as: mentee, url: `/mentorship_relation/${id}/feedback`, payload: { rating: 5, testimonial: 'Great' } };
  },
  'PUT /mentorship_relation/{request_id}/feedback': async ({ world, completed }) => {
    const { mentee, id } = await completed();
    await created(await call(world, mentee, 'POST', `/mentorship_relation/${id}/feedback`, { rating: 4 }), 'feedback');
    return { as: mentee, url: `/mentorship_relation/${id}/feedback`, payload: { rating: 5 } };
  },
  'GET /mentorship_relation/{request_id}/feedback': async ({ completed }) => {
    const { mentee, id } = await completed();
    return { as: mentee, url: `/mentorship_relation/${id}/feedback` };
  },
  'GET /users/{user_id}/testimonials': async ({ mentee, mentor }) => ({
    as: mentee,
    url: `/users/${mentor.id}/testimonials`,
  }),
  'POST /admin/testimonials/{feedback_id}/hide': async ({ world, admin, completed }) => {
    const { mentee, id } = await completed();
    const feedback = await created(
      await call(world, mentee, 'POST', `/mentorship_relation/${id}/feedback`, { rating: 1, testimonial: 'Rude' }),
      'feedback',
    );
    return { as: admin, url: `/admin/testimonials/${String(feedback.id)}/hide`, payload: { reason: 'matrix' } };
  },
  'POST /admin/testimonials/{feedback_id}/show': async ({ world, admin, completed }) => {
    const { mentee, id } = await completed();
    const feedback = await created(
      await call(world, mentee, 'POST', `/mentorship_relation/${id}/feedback`, { rating: 1, testimonial: 'Rude' }),
      'feedback',
    );
    await created(
      await call(world, admin, 'POST', `/admin/testimonials/${String(feedback.id)}/hide`, { reason: 'x' }),
      'hide',
    );
    return { as: admin, url: `/admin/testimonials/${String(feedback.id)}/show` };
  },
  'GET /users/recommended': async ({ mentee }) => ({ as: mentee, url: '/users/recommended' }),
  'POST /mentorship_relation/{relation_id}/task': async ({ mentee, relationId }) => ({
    as: mentee,
    url: `/mentorship_relation/${relationId}/task`,
    payload: { description: 'Write the plan' },
  }),
  'GET /mentorship_relation/{relation_id}/tasks': async ({ mentee, relationId }) => ({
    as: mentee,
    url: `/mentorship_relation/${relationId}/tasks`,
  }),
  'PUT /mentorship_relation/{relation_id}/task/{task_id}': async ({ accepted, task }) => {
    const relation = await accepted();
    return {
      as: relation.mentee,
      url: `/mentorship_relation/${relation.id}/task/${await task(relation)}`,
      payload: { description: 'Write the plan, then the code' },
    };
  },
  'DELETE /mentorship_relation/{relation_id}/task/{task_id}': async ({ accepted, task }) => {
    const relation = await accepted();
    return { as: relation.mentee, url: `/mentorship_relation/${relation.id}/task/${await task(relation)}` };
  },
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/complete': async ({ accepted, task }) => {
    const relation = await accepted();
    return { as: relation.mentee, url: `/mentorship_relation/${relation.id}/task/${await task(relation)}/complete` };
  },
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/reopen': async ({ world, accepted, task }) => {
    const relation = await accepted();
    const number = await task(relation);
    await created(
      await call(world, relation.mentee, 'PUT', `/mentorship_relation/${relation.id}/task/${number}/complete`),
      'complete',
    );
    return { as: relation.mentee, url: `/mentorship_relation/${relation.id}/task/${number}/reopen` };
  },
  'POST /mentorship_relation/{relation_id}/task/{task_id}/comment': async ({ accepted, task }) => {
    const relation = await accepted();
    return {
      as: relation.mentor,
      url: `/mentorship_relation/${relation.id}/task/${await task(relation)}/comment`,
      payload: { comment: 'Looks good' },
    };
  },
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}': async (ctx) => {
    const { relation, number, commentId } = await commented(ctx);
    return {
      as: relation.mentor,
      url: `/mentorship_relation/${relation.id}/task/${number}/comment/${commentId}`,
      payload: { comment: 'Looks better' },
    };
  },
  'DELETE /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}': async (ctx) => {
    const { relation, number, commentId } = await commented(ctx);
    return { as: relation.mentor, url: `/mentorship_relation/${relation.id}/task/${number}/comment/${commentId}` };
  },
  'GET /mentorship_relation/{relation_id}/task/{task_id}/comments': async (ctx) => {
    const { relation, number } = await commented(ctx);
    return { as: relation.mentee, url: `/mentorship_relation/${relation.id}/task/${number}/comments` };
  },
  'POST /mentorship_relation/{request_id}/messages': async ({ mentee, relationId }) => ({
    as: mentee,
    url: `/mentorship_relation/${relationId}/messages`,
    payload: { body: 'See you Thursday' },
  }),
  'GET /mentorship_relation/{request_id}/messages': async ({ mentor, relationId }) => ({
    as: mentor,
    url: `/mentorship_relation/${relationId}/messages`,
  }),
  'POST /mentorship_relation/{request_id}/messages/read': async ({ mentor, relationId }) => ({
    as: mentor,
    url: `/mentorship_relation/${relationId}/messages/read`,
    payload: {},
  }),
  'POST /reports': async ({ mentee, member }) => ({
    as: mentee,
    url: '/reports',
    payload: { target_type: 'user', target_id: (await member()).id, reason: 'spam' },
  }),
  'GET /admin/reports': async ({ admin }) => ({ as: admin, url: '/admin/reports' }),
  'POST /admin/reports/{report_id}/resolve': async ({ world, admin, mentee, member }) => {
    const report = await created(
      await call(world, mentee, 'POST', '/reports', {
        target_type: 'user',
        target_id: (await member()).id,
        reason: 'spam',
      }),
      'report',
    );
    return { as: admin, url: `/admin/reports/${String(report.id)}/resolve`, payload: { outcome: 'dismiss' } };
  },
  'GET /notifications': async ({ mentor }) => ({ as: mentor, url: '/notifications' }),
  'POST /notifications/read': async ({ mentor }) => ({
    as: mentor,
    url: '/notifications/read',
    payload: { all: true },
  }),
  'GET /user/notification_settings': async ({ mentor }) => ({ as: mentor, url: '/user/notification_settings' }),
  'PUT /user/notification_settings': async ({ mentor }) => ({
    as: mentor,
    url: '/user/notification_settings',
    payload: { chat_messages: false },
  }),
  'GET /unsubscribe/{token}': async (ctx) => ({ as: null, url: await unsubscribeLink(ctx) }),
  'POST /unsubscribe/{token}': async (ctx) => ({ as: null, url: await unsubscribeLink(ctx) }),
  'GET /events': async ({ world, mentor }) => {
    const ticket = await created(await call(world, mentor, 'POST', '/events/ticket'), 'ticket');
    return { as: null, url: `/events?ticket=${encodeURIComponent(String(ticket.ticket))}` };
  },
  'POST /events/ticket': async ({ mentor }) => ({ as: mentor, url: '/events/ticket' }),
  'GET /admin/audit_log': async ({ admin }) => ({ as: admin, url: '/admin/audit_log' }),
  'GET /admin/jobs/failed': async ({ admin }) => ({ as: admin, url: '/admin/jobs/failed' }),
};

/**
 * Operations whose success this matrix cannot reach from the outside, with where it is tested.
 * Their refusals are still checked here.
 */
const SUCCESS_TESTED_ELSEWHERE: Record<string, string> = {
  'POST /admin/jobs/{id}/retry': 'needs a job that failed all its attempts: test/operations/failed-jobs.e2e-spec.ts',
};

/** A new accepted relation with an open proposal by its mentee. */
async function proposed(ctx: Context) {
  const { mentor, mentee, id } = await ctx.accepted();
  const proposal = await created(
    await call(ctx.world, mentee, 'POST', `/mentorship_relation/${id}/proposals`, { kind: 'complete' }),
    'proposal',
  );
  return { mentor, mentee, id, proposal };
}

async function commented(ctx: Context) {
  const relation = await ctx.accepted();
  const number = await ctx.task(relation);
  await created(
    await call(ctx.world, relation.mentor, 'POST', `/mentorship_relation/${relation.id}/task/${number}/comment`, {
      comment: 'First',
    }),
    'comment',
  );
  const [{ id: commentId }] = await ctx.world.sql<{ id: number }>(
    `select "id" from "task_comments" where "relation_id" = ? order by "id" desc limit 1`,
    [relation.id],
  );
  return { relation, number, commentId };
}

/** The unsubscribe path of a fresh request email (a non-security email carries one). */
async function unsubscribeLink(ctx: Context): Promise<string> {
  const { receiver } = await ctx.pending();
  const mail = await ctx.mailTo(receiver.email, /request/i);
  const value = mail.header('List-Unsubscribe');
  const match = /\/unsubscribe\/([^>\s]+)>?/.exec(value);
  if (!match) throw new Error(`no List-Unsubscribe header: ${value}`);
  return `/unsubscribe/${match[1]}`;
}

/** Which callers a bearer-protected operation must refuse with 401, and the message of each. */
function forgedTokens(
  ctx: Context,
  deleted: Member,
): Array<[name: string, header: string | undefined, message: string]> {
  const [head, body, signature] = ctx.mentee.accessToken.split('.');
  const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  const noneHead = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  // Signed with a key only the test knows, on the right claims: the app must not accept it.
  const otherKey = createHmac('sha256', 'not-the-server-secret').update(`${head}.${body}`).digest('base64url');
  return [
    ['no token', undefined, MESSAGES.missing],
    [
      'an expired token',
      `Bearer ${signTestToken({ identity: ctx.mentee.id, type: 'access', expiresInSeconds: -10 })}`,
      MESSAGES.expired,
    ],
    ['a tampered signature', `Bearer ${head}.${body}.${flipped}`, MESSAGES.invalid],
    ['alg: none', `Bearer ${noneHead}.${body}.`, MESSAGES.invalid],
    ['another key', `Bearer ${head}.${body}.${otherKey}`, MESSAGES.invalid],
    ['a refresh token', `Bearer ${ctx.mentee.refreshToken}`, MESSAGES.invalid],
    ["a deleted account's token", `Bearer ${deleted.accessToken}`, MESSAGES.revoked],
  ];
}

const NOT_PENDING = { status: 403, message: 'This mentorship relation is not in the pending state.' };
const TASK_OUTSIDER = { status: 401, message: MESSAGES.notInvolved };

/**
 * Relation operations where the reference answers an outsider otherwise than a missing relation
 * (spec: the reference's request routes check the state before involvement, its task routes answer
 * an outsider 401). The task routes beyond the reference (edit, reopen) answer as its task routes
 * do, so they reveal nothing the reference's own do not.
 */
const REFERENCE_TELLS_OUTSIDERS: Record<string, { status: number; message: string }> = {
  'PUT /mentorship_relation/{request_id}/accept': NOT_PENDING,
  'PUT /mentorship_relation/{request_id}/reject': NOT_PENDING,
  'DELETE /mentorship_relation/{request_id}': NOT_PENDING,
  'PUT /mentorship_relation/{request_id}/cancel': {
    status: 403,
    message: 'You cannot cancel a mentorship relation where you are not involved.',
  },
  // Creating a task is the one task route where the reference answers 403, not 401.
  'POST /mentorship_relation/{relation_id}/task': { status: 403, message: MESSAGES.notInvolved },
  'GET /mentorship_relation/{relation_id}/tasks': TASK_OUTSIDER,
  'PUT /mentorship_relation/{relation_id}/task/{task_id}': TASK_OUTSIDER,
  'DELETE /mentorship_relation/{relation_id}/task/{task_id}': TASK_OUTSIDER,
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/complete': TASK_OUTSIDER,
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/reopen': TASK_OUTSIDER,
  'POST /mentorship_relation/{relation_id}/task/{task_id}/comment': TASK_OUTSIDER,
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}': TASK_OUTSIDER,
  'DELETE /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}': TASK_OUTSIDER,
  'GET /mentorship_relation/{relation_id}/task/{task_id}/comments': TASK_OUTSIDER,
};

/** Valid bodies for the outsider check, so that validation does not answer first. */
const VALID_BODIES: Record<string, unknown> = {
  'POST /mentorship_relation/{request_id}/proposals': { kind: 'complete' },
  'POST /mentorship_relation/{request_id}/feedback': { rating: 5 },
  'PUT /mentorship_relation/{request_id}/feedback': { rating: 5 },
  'POST /mentorship_relation/{relation_id}/task': { description: 'Mine now' },
  'PUT /mentorship_relation/{relation_id}/task/{task_id}': { description: 'Mine now' },
  'POST /mentorship_relation/{relation_id}/task/{task_id}/comment': { comment: 'Mine now' },
  'PUT /mentorship_relation/{relation_id}/task/{task_id}/comment/{comment_id}': { comment: 'Mine now' },
  'POST /mentorship_relation/{request_id}/messages': { body: 'Mine now' },
  'POST /mentorship_relation/{request_id}/messages/read': {},
};

const fill = (path: string, ctx: Context, values: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? pathValue(name, ctx));

function pathValue(name: string, ctx: Context): string {
  switch (name) {
    case 'request_id':
    case 'relation_id':
      return String(ctx.relationId);
    case 'user_id':
      return String(ctx.outsider.id);
    default:
      return '1';
  }
}

interface Answer {
  statusCode: number;
  text: string;
}

const bodyOf = (answer: Answer) => {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return answer.text;
  }
};

describe('the authorization matrix over every operation of /docs-json', () => {
  let world: World;
  let doc: OpenApiDocument;
  let operations: OperationRef[];
  let ctx: Context;
  let deleted: Member;

  /** One request; an event stream that opens counts as answered (200) once its head arrives. */
  const send = async (
    ref: OperationRef,
    url: string,
    authorization: string | undefined,
    payload?: unknown,
  ): Promise<Answer> => {
    const response = await world.test.app.inject({
      method: ref.method as 'GET',
      url,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      payloadAsStream: true,
    });
    const stream = response.stream();
    if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      stream.destroy();
      return { statusCode: response.statusCode, text: '' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return { statusCode: response.statusCode, text: Buffer.concat(chunks).toString('utf8') };
  };

  beforeAll(async () => {
    world = await startWorld('postgresql');
    doc = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json() as OpenApiDocument;
    operations = operationsOf(doc);
    const member = (roles: { mentor?: boolean; mentee?: boolean } = { mentor: true, mentee: true }) =>
      createMember(world, roles);
    const [mentor, mentee, admin, outsider] = await Promise.all([
      member({ mentor: true, mentee: false }),
      member({ mentor: false, mentee: true }),
      member(),
      member(),
    ]);
    await world.sql(`update "users" set "is_admin" = true where "id" = ?`, [admin.id]);
    const relationId = await createAccepted(world, mentor, mentee);
    await created(
      await call(world, mentee, 'POST', `/mentorship_relation/${relationId}/task`, { description: 'One' }),
      'task',
    );
    ctx = {
      world,
      mentor,
      mentee,
      admin,
      outsider,
      relationId,
      member,
      async accepted() {
        const [m, e] = await Promise.all([
          member({ mentor: true, mentee: false }),
          member({ mentor: false, mentee: true }),
        ]);
        return { mentor: m, mentee: e, id: await createAccepted(world, m, e) };
      },
      async pending() {
        const [m, e] = await Promise.all([
          member({ mentor: true, mentee: false }),
          member({ mentor: false, mentee: true }),
        ]);
        return { sender: e, receiver: m, id: await createRequest(world, e, m, e) };
      },
      async completed() {
        const [m, e] = await Promise.all([
          member({ mentor: true, mentee: false }),
          member({ mentor: false, mentee: true }),
        ]);
        return { mentor: m, mentee: e, id: await createCompleted(world, m, e) };
      },
      async task(relation) {
        await created(
          await call(world, relation.mentee, 'POST', `/mentorship_relation/${relation.id}/task`, {
            description: 'Do it',
          }),
          'task',
        );
        const [{ number }] = await world.sql<{ number: number }>(
          `select max("number") as "number" from "tasks" where "relation_id" = ?`,
          [relation.id],
        );
        return Number(number);
      },
      async mailTo(email, subject) {
        const mail = await eventually(() =>
          [...world.sink.messages].reverse().find((m) => m.to.includes(email) && (!subject || subject.test(m.subject))),
        );
        return {
          text: mail.text,
          html: mail.html,
          header: (name: string) => {
            const line = mail.raw.headerLines.find((candidate) => candidate.key === name.toLowerCase())?.line ?? '';
            return line
              .slice(line.indexOf(':') + 1)
              .replace(/\r?\n\s+/g, ' ')
              .trim();
          },
        };
      },
    };
    deleted = await member();
    await created(await call(world, deleted, 'DELETE', '/user'), 'delete account');
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('has a recipe for every operation in the document, and none for operations it lacks', () => {
    const documented = operations.map((ref) => `${ref.method} ${ref.path}`).sort();
    const covered = [...Object.keys(RECIPES), ...Object.keys(SUCCESS_TESTED_ELSEWHERE)].sort();
    expect(covered).toEqual(documented);
  });

  it('refuses every forged, expired, refresh or dead token with 401 and its message, on every protected operation', async () => {
    const failures: string[] = [];
    for (const ref of operations) {
      const isPublic = Array.isArray(ref.operation.security) && ref.operation.security.length === 0;
      if (isPublic || ref.path === '/refresh') continue;
      const url = fill(ref.path, ctx);
      for (const [name, header, message] of forgedTokens(ctx, deleted)) {
        const response = await send(ref, url, header, ref.method === 'GET' || ref.method === 'DELETE' ? undefined : {});
        const body = bodyOf(response);
        if (response.statusCode !== 401 || JSON.stringify(body) !== JSON.stringify({ message })) {
          failures.push(`${ref.method} ${ref.path} with ${name}: ${response.statusCode} ${JSON.stringify(body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('POST /refresh refuses an access token, a forged refresh token and a dead one', async () => {
    const ref = operations.find((r) => r.path === '/refresh')!;
    const [head, body] = ctx.mentee.refreshToken.split('.');
    const noneHead = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    for (const [header, message] of [
      [`Bearer ${ctx.mentee.accessToken}`, MESSAGES.invalid],
      [`Bearer ${noneHead}.${body}.`, MESSAGES.invalid],
      [`Bearer ${head}.${body}.AAAA`, MESSAGES.invalid],
      [`Bearer ${deleted.refreshToken}`, MESSAGES.revoked],
      [undefined, MESSAGES.missing],
    ] as const) {
      const response = await send(ref, '/refresh', header);
      expect({ header, status: response.statusCode, body: bodyOf(response) }).toEqual({
        header,
        status: 401,
        body: { message },
      });
    }
  });

  it('documents as public exactly the operations that answer without a token', async () => {
    const failures: string[] = [];
    for (const ref of operations) {
      const isPublic = Array.isArray(ref.operation.security) && ref.operation.security.length === 0;
      const response = await send(ref, fill(ref.path, ctx), undefined);
      const refused = response.statusCode === 401;
      if (isPublic === refused) {
        failures.push(
          `${ref.method} ${ref.path}: documented ${isPublic ? 'public' : 'protected'}, answered ${response.statusCode}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a verified non-admin 403 on every admin operation', async () => {
    // The reference's own admin routes, with their texts (and a valid body: they validate first).
    const reference: Record<string, { message: string; payload?: unknown }> = {
      'POST /admin/new': {
        message: "You don't have admin status. You can't assign other user as admin.",
        payload: { user_id: ctx.mentee.id },
      },
      'POST /admin/remove': {
        message: "You don't have admin status. You can't revoke other admin user.",
        payload: { user_id: ctx.admin.id },
      },
      'GET /admins': { message: MESSAGES.notAdmin },
    };
    const failures: string[] = [];
    for (const ref of operations.filter((r) => r.path.startsWith('/admin'))) {
      const key = `${ref.method} ${ref.path}`;
      // Beyond the reference the admin check comes first: any body, even none, gets the same 403.
      const expected = reference[key] ?? {
        message: MESSAGES.notAdmin,
        payload: ref.method === 'POST' ? {} : undefined,
      };
      const response = await send(ref, fill(ref.path, ctx), `Bearer ${ctx.outsider.accessToken}`, expected.payload);
      const body = bodyOf(response);
      if (response.statusCode !== 403 || JSON.stringify(body) !== JSON.stringify({ message: expected.message })) {
        failures.push(`${key}: ${response.statusCode} ${JSON.stringify(body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('tells an outsider no more about a relation than the answer for one that does not exist', async () => {
    const failures: string[] = [];
    for (const ref of operations.filter((r) => /\{(request|relation)_id\}/.test(r.path))) {
      const key = `${ref.method} ${ref.path}`;
      const payload = VALID_BODIES[key] ?? (ref.method === 'GET' || ref.method === 'DELETE' ? undefined : {});
      const outsider = await send(ref, fill(ref.path, ctx), `Bearer ${ctx.outsider.accessToken}`, payload);
      const missing = await send(
        ref,
        fill(ref.path, ctx, { request_id: MISSING_ID, relation_id: MISSING_ID }),
        `Bearer ${ctx.outsider.accessToken}`,
        payload,
      );
      const seen = { status: outsider.statusCode, body: bodyOf(outsider) };
      const expected = REFERENCE_TELLS_OUTSIDERS[key]
        ? { status: REFERENCE_TELLS_OUTSIDERS[key].status, body: { message: REFERENCE_TELLS_OUTSIDERS[key].message } }
        : { status: missing.statusCode, body: bodyOf(missing) };
      if (seen.status < 400 || JSON.stringify(seen) !== JSON.stringify(expected)) {
        failures.push(`${key}: outsider ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets the rightful caller of every operation succeed', async () => {
    const failures: string[] = [];
    for (const ref of operations) {
      const key = `${ref.method} ${ref.path}`;
      const recipe = RECIPES[key];
      if (!recipe) continue;
      try {
        const request = await recipe(ctx);
        const token = request.token ?? request.as?.accessToken;
        const response = await send(ref, request.url, token ? `Bearer ${token}` : undefined, request.payload);
        if (response.statusCode >= 300) failures.push(`${key}: ${response.statusCode} ${response.text.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${key}: the recipe failed: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
