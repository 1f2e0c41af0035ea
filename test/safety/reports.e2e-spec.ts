/**
 * Reports and their resolution (beyond the reference; issue 14): POST /reports, GET /admin/reports,
 * POST /admin/reports/{id}/resolve. A member reports a user, or a task, task comment or chat message
 * of a relation they are a party of; every live admin but the reporter is emailed; one open report
 * per reporter and target. Admins list reports newest first (X-Total-Count) and resolve them:
 * dismiss, hide_content (the content leaves the lists of both parties; the task routes answer 404
 * for it) or suspend (the reported user, or the content's author, cannot log in; their sessions
 * end). Other open reports about the same target stay open. Everything is audited.
 */
import { eventually } from '../support/app';
import { signTestToken } from '../support/tokens';
import {
  BACKENDS,
  call,
  createAccepted,
  createMember,
  createMembers,
  expectMessage,
  type Member,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

const TEXT = {
  missingToken: 'The authorization token is missing!',
  revoked: 'The token has been revoked! Please, login again.',
  notAdmin: 'User is not an Admin.',
  noUser: 'User does not exist.',
  noTask: 'Task does not exist.',
  noComment: 'Task comment does not exist.',
  noMessage: 'Message does not exist.',
  badRequest: 'The browser (or proxy) sent a request that this server could not understand.',
  targetType: 'target_type must be one of: user, task, comment, chat_message.',
  targetId: 'target_id must be a positive integer.',
  relationIdInvalid: 'relation_id must be a positive integer.',
  relationIdRequired: 'relation_id is required when target_type is task.',
  relationIdNotAllowed: 'relation_id is only allowed when target_type is task.',
  reason: 'reason must be one of: spam, harassment, inappropriate, impersonation, other.',
  details: 'details must be a string of at most 2000 characters.',
  detailsCharacters: 'details contains characters that are not allowed.',
  detailsRequired: 'details is required when reason is other.',
  yourself: 'You cannot report yourself.',
  ownContent: 'You cannot report your own content.',
  alreadyOpen: 'You already have an open report about this.',
  noReport: 'Report does not exist.',
  alreadyResolved: 'This report is already resolved.',
  outcome: 'outcome must be one of: dismiss, hide_content, suspend.',
  days: 'days must be an integer from 1 to 3650.',
  daysNotAllowed: 'days is only allowed when outcome is suspend.',
  note: 'note must be a string of at most 2000 characters.',
  onlyContent: 'Only a task, a comment or a chat message can be hidden.',
  badState: 'The state query parameter is invalid.',
  badPage: 'The page query parameter is invalid.',
  adminNotSuspendable: 'An admin account cannot be suspended.',
  suspendedForGood: 'Your account is suspended.',
  suspendedUntil: (iso: string) => `Your account is suspended until ${iso}.`,
};
const REPORT_SUBJECT = 'Mentorship System - A new report to review';
const APP = 'http://mentorship.test';
const DAY_MS = 86_400_000;

const REPORT_KEYS = ['id', 'target_type', 'target_id', 'relation_id', 'reason', 'details', 'state', 'created_at'];
const ADMIN_REPORT_KEYS = [
  ...REPORT_KEYS,
  'reporter_id',
  'target_user_id',
  'outcome',
  'suspended_days',
  'resolution_note',
  'resolved_by',
  'resolved_at',
].sort();

interface AdminReport {
  id: number;
  target_type: string;
  target_id: number;
  relation_id: number | null;
  reason: string;
  details: string | null;
  state: string;
  created_at: number;
  reporter_id: number;
  target_user_id: number | null;
  outcome: string | null;
  suspended_days: number | null;
  resolution_note: string | null;
  resolved_by: number | null;
  resolved_at: number | null;
}

describe.each(BACKENDS)('Reports (%s)', (backend) => {
  let world: World;
  // admin (the first member) and admin2 are admins; mentor and mentee are in an ACCEPTED relation;
  // outsider is in none; spare and spare2 are reported as users.
  let admin: Member, admin2: Member, mentor: Member, mentee: Member, outsider: Member, spare: Member, spare2: Member;
  let relation: number;
  /** Task numbers in the relation: 1 and 3 by the mentee, 2 by the mentor. */
  const TASK = { byMentee: 1, byMentor: 2, toHide: 3 };
  let commentId: number, hiddenCommentId: number, messageId: number, hiddenMessageId: number, mentorMessageId: number;

  const report = (by: Member | { accessToken: string } | null, body: unknown) =>
    call(world, by, 'POST', '/reports', body);
  const resolve = (by: Member | { accessToken: string } | null, id: number, body: unknown) =>
    call(world, by, 'POST', `/admin/reports/${id}/resolve`, body);
  const filed = async (by: Member, body: Record<string, unknown>) => {
    const response = await report(by, body);
    if (response.statusCode !== 201) throw new Error(`POST /reports answered ${response.statusCode}: ${response.body}`);
    return response.json() as AdminReport;
  };
  const tasksOf = async (user: Member) => {
    const response = await call(world, user, 'GET', `/mentorship_relation/${relation}/tasks`);
    expect(response.statusCode).toBe(200);
    return response.json() as Array<Record<string, unknown>>;
  };
  const commentsOf = async (user: Member, task: number) => {
    const response = await call(world, user, 'GET', `/mentorship_relation/${relation}/task/${task}/comments`);
    expect(response.statusCode).toBe(200);
    return response.json() as Array<{ id: number; comment: string }>;
  };
  const messagesOf = async (user: Member) => {
    const response = await call(world, user, 'GET', `/mentorship_relation/${relation}/messages`);
    expect(response.statusCode).toBe(200);
    return (response.json() as { messages: Array<{ id: number }> }).messages.map((m) => m.id);
  };
  const refresh = (token: string) =>
    world.test.app.inject({ method: 'POST', url: '/refresh', headers: { authorization: `Bearer ${token}` } });
  const login = (user: Member) =>
    call(world, null, 'POST', '/login', { username: user.username, password: user.password });
  const postMessage = async (by: Member, body: string) => {
    const response = await call(world, by, 'POST', `/mentorship_relation/${relation}/messages`, { body });
    expect(response.statusCode).toBe(201);
    return (response.json() as { id: number }).id;
  };
  const createTask = async (by: Member, description: string) => {
    const response = await call(world, by, 'POST', `/mentorship_relation/${relation}/task`, { description });
    expect(response.statusCode).toBe(201);
  };
  const comment = async (by: Member, task: number, text: string) => {
    const response = await call(world, by, 'POST', `/mentorship_relation/${relation}/task/${task}/comment`, {
      comment: text,
    });
    expect(response.statusCode).toBe(201);
    const [row] = await world.sql<{ id: number }>(
      `select "id" from "task_comments" where "user_id" = ? order by "id" desc limit 1`,
      [by.id],
    );
    return row.id;
  };
  /** A deleted account's token that names no session (the accounts guard then answers 404). */
  const deletedMember = async (asAdmin: boolean) => {
    const gone = await createMember(world);
    if (asAdmin) expect((await call(world, admin, 'POST', '/admin/new', { user_id: gone.id })).statusCode).toBe(200);
    expect((await call(world, gone, 'DELETE', '/user')).statusCode).toBe(200);
    return { id: gone.id, accessToken: signTestToken({ identity: gone.id, type: 'access' }) };
  };
  const auditEntries = async (action: string) => {
    const response = await call(world, admin, 'GET', `/admin/audit_log?action=${action}&per_page=100`);
    expect(response.statusCode).toBe(200);
    return response.json() as Array<{
      action: string;
      actor_id: number | null;
      target_type: string | null;
      target_id: string | null;
      details: Record<string, unknown>;
    }>;
  };

  beforeAll(async () => {
    world = await startWorld(backend);
    // The first member of a fresh database is its admin.
    admin = await createMember(world);
    [admin2, mentor, mentee, outsider, spare, spare2] = await createMembers(world, 6);
    expect((await call(world, admin, 'POST', '/admin/new', { user_id: admin2.id })).statusCode).toBe(200);
    relation = await createAccepted(world, mentor, mentee);
    await createTask(mentee, 'Read the style guide');
    await createTask(mentor, 'Write a first pull request');
    await createTask(mentee, 'A task that will be hidden');
    commentId = await comment(mentee, TASK.byMentor, 'Done, see the link');
    hiddenCommentId = await comment(mentee, TASK.byMentor, 'A comment that will be hidden');
    messageId = await postMessage(mentee, 'Hello!');
    hiddenMessageId = await postMessage(mentee, 'A message that will be hidden');
    mentorMessageId = await postMessage(mentor, 'Hi, welcome');
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  describe('authorization', () => {
    it('needs a token on every route (401)', async () => {
      expectMessage(
        await report(null, { target_type: 'user', target_id: spare.id, reason: 'spam' }),
        401,
        TEXT.missingToken,
      );
      expectMessage(await call(world, null, 'GET', '/admin/reports'), 401, TEXT.missingToken);
      expectMessage(await resolve(null, 1, { outcome: 'dismiss' }), 401, TEXT.missingToken);
    });

    it('the admin routes: 403 for a member who is not an admin, 404 for a deleted admin', async () => {
      const byMember = await filed(mentor, { target_type: 'user', target_id: spare2.id, reason: 'spam' });
      expectMessage(await call(world, mentor, 'GET', '/admin/reports'), 403, TEXT.notAdmin);
      expectMessage(await resolve(mentor, byMember.id, { outcome: 'dismiss' }), 403, TEXT.notAdmin);
      const goneAdmin = await deletedMember(true);
      expectMessage(await call(world, goneAdmin, 'GET', '/admin/reports'), 404, TEXT.noUser);
      expectMessage(await resolve(goneAdmin, byMember.id, { outcome: 'dismiss' }), 404, TEXT.noUser);
      // Nothing was resolved by the refused calls.
      const [row] = await world.sql<{ state: string }>(`select "state" from "reports" where "id" = ?`, [byMember.id]);
      expect(row.state).toBe('open');
    });

    it('a deleted member cannot report (404)', async () => {
      const gone = await deletedMember(false);
      expectMessage(await report(gone, { target_type: 'user', target_id: spare.id, reason: 'spam' }), 404, TEXT.noUser);
    });
  });

  describe('POST /reports', () => {
    it('validates the body with the DTO: 400 naming the field, in field order', async () => {
      const user = { target_type: 'user', target_id: 1 };
      const cases: Array<[unknown, string]> = [
        [{}, TEXT.targetType],
        [{ target_type: 'relation', target_id: 1, reason: 'spam' }, TEXT.targetType],
        [{ target_type: 'USER', target_id: 1, reason: 'spam' }, TEXT.targetType],
        [{ target_type: 'user', reason: 'spam' }, TEXT.targetId],
        [{ target_type: 'user', target_id: 0, reason: 'spam' }, TEXT.targetId],
        [{ target_type: 'user', target_id: 1.5, reason: 'spam' }, TEXT.targetId],
        [{ target_type: 'user', target_id: '5', reason: 'spam' }, TEXT.targetId],
        [{ target_type: 'user', target_id: 2_147_483_648, reason: 'spam' }, TEXT.targetId],
        [{ target_type: 'task', target_id: 1, reason: 'spam' }, TEXT.relationIdRequired],
        [{ target_type: 'task', target_id: 1, relation_id: -1, reason: 'spam' }, TEXT.relationIdInvalid],
        [{ ...user, relation_id: 3, reason: 'spam' }, TEXT.relationIdNotAllowed],
        [{ target_type: 'comment', target_id: 1, relation_id: 3, reason: 'spam' }, TEXT.relationIdNotAllowed],
        [{ ...user }, TEXT.reason],
        [{ ...user, reason: 'abuse' }, TEXT.reason],
        [{ ...user, reason: 'other' }, TEXT.detailsRequired],
        [{ ...user, reason: 'other', details: ' \n ' }, TEXT.detailsRequired],
        [{ ...user, reason: 'other', details: null }, TEXT.detailsRequired],
        [{ ...user, reason: 'spam', details: 'x'.repeat(2001) }, TEXT.details],
        [{ ...user, reason: 'spam', details: 5 }, TEXT.details],
        [{ ...user, reason: 'spam', details: 'a\u0000b' }, TEXT.detailsCharacters],
        ['{"target_type": ', TEXT.badRequest],
        [[user], TEXT.targetType],
        ['"just text"', TEXT.targetType],
      ];
      for (const [body, text] of cases) expectMessage(await report(mentor, body), 400, text);
      const [{ count }] = await world.sql<{ count: number }>(
        `select count(*)::int as "count" from "reports" where "reporter_id" = ? and "target_id" = 1`,
        [mentor.id],
      );
      expect(count).toBe(0);
    });

    it('404 for a target that does not exist or that the reporter cannot see, with its own text', async () => {
      const gone = await deletedMember(false);
      const cases: Array<[Member, Record<string, unknown>, string]> = [
        [mentor, { target_type: 'user', target_id: 999_999 }, TEXT.noUser],
        [mentor, { target_type: 'user', target_id: gone.id }, TEXT.noUser],
        [mentor, { target_type: 'task', target_id: 99, relation_id: relation }, TEXT.noTask],
        [mentor, { target_type: 'task', target_id: TASK.byMentee, relation_id: 999_999 }, TEXT.noTask],
        [outsider, { target_type: 'task', target_id: TASK.byMentee, relation_id: relation }, TEXT.noTask],
        [mentor, { target_type: 'comment', target_id: 999_999 }, TEXT.noComment],
        [outsider, { target_type: 'comment', target_id: commentId }, TEXT.noComment],
        [mentor, { target_type: 'chat_message', target_id: 999_999 }, TEXT.noMessage],
        [outsider, { target_type: 'chat_message', target_id: messageId }, TEXT.noMessage],
      ];
      for (const [by, target, text] of cases) expectMessage(await report(by, { ...target, reason: 'spam' }), 404, text);
    });

    it('400 for reporting yourself or your own content', async () => {
      expectMessage(
        await report(mentee, { target_type: 'user', target_id: mentee.id, reason: 'spam' }),
        400,
        TEXT.yourself,
      );
      for (const target of [
        { target_type: 'task', target_id: TASK.byMentee, relation_id: relation },
        { target_type: 'comment', target_id: commentId },
        { target_type: 'chat_message', target_id: messageId },
      ]) {
        expectMessage(await report(mentee, { ...target, reason: 'spam' }), 400, TEXT.ownContent);
      }
    });

    it('201 with the report (details trimmed); a second open report on the same target is 409', async () => {
      const response = await report(mentor, {
        target_type: 'comment',
        target_id: commentId,
        reason: 'harassment',
        details: '  Calls me <b>names</b> & worse \n',
      });
      expect(response.statusCode).toBe(201);
      const body = response.json() as AdminReport;
      expect(Object.keys(body).sort()).toEqual([...REPORT_KEYS].sort());
      expect(body).toEqual({
        id: expect.any(Number),
        target_type: 'comment',
        target_id: commentId,
        relation_id: relation,
        reason: 'harassment',
        details: 'Calls me <b>names</b> & worse',
        state: 'open',
        created_at: expect.any(Number),
      });
      expect(Math.abs(body.created_at - Date.now() / 1000)).toBeLessThan(60);
      expectMessage(
        await report(mentor, { target_type: 'comment', target_id: commentId, reason: 'spam' }),
        409,
        TEXT.alreadyOpen,
      );
      // A task is named by its relation and number; details are optional with other reasons.
      const task = await filed(mentor, {
        target_type: 'task',
        target_id: TASK.byMentee,
        relation_id: relation,
        reason: 'inappropriate',
      });
      expect(task).toMatchObject({
        target_type: 'task',
        target_id: TASK.byMentee,
        relation_id: relation,
        details: null,
      });
      const message = await filed(mentee, {
        target_type: 'chat_message',
        target_id: mentorMessageId,
        reason: 'other',
        details: 'Not what it seems',
      });
      expect(message).toMatchObject({ target_type: 'chat_message', target_id: mentorMessageId, relation_id: relation });
      // The same target, another reporter: a report of its own.
      const user = await filed(outsider, {
        target_type: 'user',
        target_id: mentor.id,
        reason: 'impersonation',
        details: 'Pretends to be someone else',
      });
      expect(user).toMatchObject({ target_type: 'user', target_id: mentor.id, relation_id: null });
    });

    it('emails every live admin but the reporter: the reason, the target, the details (escaped) and the admin API', async () => {
      const [row] = await world.sql<{ id: number }>(
        `select "id" from "reports" where "reporter_id" = ? and "target_type" = 'comment' and "target_id" = ?`,
        [mentor.id, commentId],
      );
      const mails = await eventually(() => {
        const found = world.sink.messages.filter(
          (mail) => mail.subject === REPORT_SUBJECT && mail.text.includes(`Report #${row.id} `),
        );
        return found.length >= 2 ? found : null;
      });
      expect(mails.map((mail) => mail.to).sort()).toEqual([[admin.email], [admin2.email]].sort());
      const mail = mails[0];
      expect(mail.text).toContain(`reported task comment #${commentId} in mentorship relation #${relation}.`);
      expect(mail.text).toContain('Reason: harassment.');
      expect(mail.text).toContain('Their words: "Calls me <b>names</b> & worse"');
      expect(mail.text).toContain(`GET ${APP}/admin/reports?state=open`);
      expect(mail.text).toContain(`POST ${APP}/admin/reports/${row.id}/resolve`);
      expect(mail.html).not.toContain('<b>names</b>');
      expect(mail.html).toContain('&#60;b&#62;names&#60;/b&#62;');
      // A report by an admin goes to the other admins only; nobody else ever gets one.
      const byAdmin = await filed(admin2, { target_type: 'user', target_id: spare2.id, reason: 'spam' });
      const toOthers = await eventually(() => {
        const found = world.sink.messages.filter(
          (m) => m.subject === REPORT_SUBJECT && m.text.includes(`Report #${byAdmin.id} `),
        );
        return found.length >= 1 ? found : null;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(
        world.sink.messages
          .filter((m) => m.subject === REPORT_SUBJECT && m.text.includes(`Report #${byAdmin.id} `))
          .map((m) => m.to),
      ).toEqual([[admin.email]]);
      expect(toOthers).toHaveLength(1);
      // The reporters (members, not admins) never get one.
      for (const member of [mentor, mentee, outsider]) {
        expect(world.sink.messages.some((m) => m.subject === REPORT_SUBJECT && m.to.includes(member.email))).toBe(
          false,
        );
      }
    });

    it('two identical reports at once: one is made, the other is 409 (the partial unique index)', async () => {
      const body = { target_type: 'chat_message', target_id: messageId, reason: 'spam' };
      const answers = await Promise.all([report(mentor, body), report(mentor, body)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      expect(statusAndBody(answers.find((a) => a.statusCode === 409)!).body).toEqual({ message: TEXT.alreadyOpen });
      const [{ count }] = await world.sql<{ count: number }>(
        `select count(*)::int as "count" from "reports" where "reporter_id" = ? and "target_type" = 'chat_message'
            and "target_id" = ? and "state" = 'open'`,
        [mentor.id, messageId],
      );
      expect(count).toBe(1);
    });
  });

  describe('GET /admin/reports', () => {
    it('lists every report newest first with X-Total-Count, in the admin shape', async () => {
      const response = await call(world, admin, 'GET', '/admin/reports');
      expect(response.statusCode).toBe(200);
      const items = response.json() as AdminReport[];
      const [{ count }] = await world.sql<{ count: number }>(`select count(*)::int as "count" from "reports"`);
      expect(response.headers['x-total-count']).toBe(String(count));
      expect(items.length).toBe(Math.min(count, 20));
      const ids = items.map((item) => item.id);
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
      for (const item of items) expect(Object.keys(item).sort()).toEqual(ADMIN_REPORT_KEYS);
      const comment = items.find((item) => item.target_type === 'comment' && item.target_id === commentId)!;
      expect(comment).toEqual({
        id: expect.any(Number),
        target_type: 'comment',
        target_id: commentId,
        relation_id: relation,
        reason: 'harassment',
        details: 'Calls me <b>names</b> & worse',
        state: 'open',
        created_at: expect.any(Number),
        reporter_id: mentor.id,
        target_user_id: mentee.id,
        outcome: null,
        suspended_days: null,
        resolution_note: null,
        resolved_by: null,
        resolved_at: null,
      });
      const task = items.find((item) => item.target_type === 'task')!;
      expect(task.target_user_id).toBe(mentee.id);
    });

    it('filters by state, pages with page and per_page (Link), and refuses a bad state or page (400)', async () => {
      const dismissed = await filed(outsider, { target_type: 'user', target_id: spare2.id, reason: 'spam' });
      expect((await resolve(admin, dismissed.id, { outcome: 'dismiss' })).statusCode).toBe(200);
      const open = await call(world, admin, 'GET', '/admin/reports?state=open&per_page=100');
      const resolved = await call(world, admin, 'GET', '/admin/reports?state=resolved&per_page=100');
      const openItems = open.json() as AdminReport[];
      const resolvedItems = resolved.json() as AdminReport[];
      expect(openItems.every((item) => item.state === 'open')).toBe(true);
      expect(resolvedItems.every((item) => item.state === 'resolved')).toBe(true);
      expect(resolvedItems.map((item) => item.id)).toContain(dismissed.id);
      expect(openItems.map((item) => item.id)).not.toContain(dismissed.id);
      const [{ open: openCount, resolved: resolvedCount }] = await world.sql<{ open: number; resolved: number }>(
        `select count(*) filter (where "state" = 'open')::int as "open",
                count(*) filter (where "state" = 'resolved')::int as "resolved" from "reports"`,
      );
      expect(open.headers['x-total-count']).toBe(String(openCount));
      expect(resolved.headers['x-total-count']).toBe(String(resolvedCount));

      const second = await call(world, admin, 'GET', '/admin/reports?state=open&page=2&per_page=1');
      expect(second.statusCode).toBe(200);
      expect((second.json() as AdminReport[]).map((item) => item.id)).toEqual([openItems[1].id]);
      expect(second.headers['x-total-count']).toBe(String(openCount));
      expect(second.headers.link).toContain('rel="next"');

      for (const bad of ['closed', 'OPEN', 'open,resolved']) {
        expectMessage(await call(world, admin, 'GET', `/admin/reports?state=${bad}`), 400, TEXT.badState);
      }
      expectMessage(await call(world, admin, 'GET', '/admin/reports?page=0'), 400, TEXT.badPage);
    });
  });

  describe('POST /admin/reports/{id}/resolve', () => {
    it('validates the body with the DTO (400 naming the field)', async () => {
      const target = await filed(outsider, { target_type: 'user', target_id: spare.id, reason: 'harassment' });
      const cases: Array<[unknown, string]> = [
        [{}, TEXT.outcome],
        [{ outcome: 'ban' }, TEXT.outcome],
        [{ outcome: 'dismiss', days: 3 }, TEXT.daysNotAllowed],
        [{ outcome: 'hide_content', days: 3 }, TEXT.daysNotAllowed],
        [{ outcome: 'suspend', days: 0 }, TEXT.days],
        [{ outcome: 'suspend', days: 3651 }, TEXT.days],
        [{ outcome: 'suspend', days: 1.5 }, TEXT.days],
        [{ outcome: 'suspend', days: '7' }, TEXT.days],
        [{ outcome: 'dismiss', note: 'x'.repeat(2001) }, TEXT.note],
        [{ outcome: 'dismiss', note: 7 }, TEXT.note],
      ];
      for (const [body, text] of cases) expectMessage(await resolve(admin, target.id, body), 400, text);
      const [row] = await world.sql<{ state: string }>(`select "state" from "reports" where "id" = ?`, [target.id]);
      expect(row.state).toBe('open');
    });

    it('404 for an unknown report; hide_content on a user is 400 and the report stays open', async () => {
      expectMessage(await resolve(admin, 999_999, { outcome: 'dismiss' }), 404, TEXT.noReport);
      const [row] = await world.sql<{ id: number }>(
        `select "id" from "reports" where "reporter_id" = ? and "target_type" = 'user' and "target_id" = ? and "state" = 'open'`,
        [outsider.id, spare.id],
      );
      expectMessage(await resolve(admin, row.id, { outcome: 'hide_content' }), 400, TEXT.onlyContent);
      const [after] = await world.sql<{ state: string }>(`select "state" from "reports" where "id" = ?`, [row.id]);
      expect(after.state).toBe('open');
    });

    it('dismiss: 200 with the resolved report, then 409; other open reports on the target stay open; the reporter may report again', async () => {
      const first = await filed(mentee, { target_type: 'user', target_id: outsider.id, reason: 'spam' });
      const other = await filed(mentor, { target_type: 'user', target_id: outsider.id, reason: 'harassment' });
      const response = await resolve(admin, first.id, { outcome: 'dismiss', note: '  Not spam. ' });
      expect(response.statusCode).toBe(200);
      const body = response.json() as AdminReport;
      expect(body).toEqual({
        ...first,
        state: 'resolved',
        reporter_id: mentee.id,
        target_user_id: outsider.id,
        outcome: 'dismiss',
        suspended_days: null,
        resolution_note: 'Not spam.',
        resolved_by: admin.id,
        resolved_at: expect.any(Number),
      });
      expect(body.resolved_at!).toBeGreaterThanOrEqual(first.created_at);
      expectMessage(await resolve(admin2, first.id, { outcome: 'dismiss' }), 409, TEXT.alreadyResolved);
      expectMessage(await resolve(admin2, first.id, { outcome: 'suspend', days: 2 }), 409, TEXT.alreadyResolved);
      const [otherRow] = await world.sql<{ state: string }>(`select "state" from "reports" where "id" = ?`, [other.id]);
      expect(otherRow.state).toBe('open');
      const again = await filed(mentee, { target_type: 'user', target_id: outsider.id, reason: 'spam' });
      expect(again.id).toBeGreaterThan(first.id);
      // The account was not touched by a dismissal.
      expect((await login(outsider)).statusCode).toBe(200);
    });

    it('hide_content on a task: gone from the task list of both parties, 404 to edit or complete it', async () => {
      const before = await tasksOf(mentee);
      expect(before.map((task) => task.id)).toEqual([TASK.byMentee, TASK.byMentor, TASK.toHide]);
      const filedReport = await filed(mentor, {
        target_type: 'task',
        target_id: TASK.toHide,
        relation_id: relation,
        reason: 'inappropriate',
      });
      const response = await resolve(admin, filedReport.id, { outcome: 'hide_content' });
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: expect.objectContaining({
          id: filedReport.id,
          state: 'resolved',
          outcome: 'hide_content',
          target_user_id: mentee.id,
        }),
      });
      for (const party of [mentor, mentee]) {
        expect(await tasksOf(party)).toEqual(before.filter((task) => task.id !== TASK.toHide));
      }
      const path = `/mentorship_relation/${relation}/task/${TASK.toHide}`;
      expectMessage(await call(world, mentee, 'PUT', path, { description: 'Changed' }), 404, TEXT.noTask);
      expectMessage(await call(world, mentee, 'PUT', `${path}/complete`), 404, TEXT.noTask);
      expectMessage(await call(world, mentor, 'GET', `${path}/comments`), 404, TEXT.noTask);
      expectMessage(await call(world, mentor, 'POST', `${path}/comment`, { comment: 'Hello' }), 404, TEXT.noTask);
      // Hidden content cannot be reported any more.
      expectMessage(
        await report(mentor, { target_type: 'task', target_id: TASK.toHide, relation_id: relation, reason: 'spam' }),
        404,
        TEXT.noTask,
      );
      // The other tasks still work as before.
      expect(
        (await call(world, mentee, 'PUT', `/mentorship_relation/${relation}/task/${TASK.byMentor}/complete`))
          .statusCode,
      ).toBe(200);
    });

    it('hide_content on a comment: gone from the comments of both parties, 404 to edit or delete it', async () => {
      const filedReport = await filed(mentor, { target_type: 'comment', target_id: hiddenCommentId, reason: 'spam' });
      expect((await resolve(admin, filedReport.id, { outcome: 'hide_content' })).statusCode).toBe(200);
      for (const party of [mentor, mentee]) {
        expect((await commentsOf(party, TASK.byMentor)).map((c) => c.id)).toEqual([commentId]);
      }
      const total = await call(
        world,
        mentee,
        'GET',
        `/mentorship_relation/${relation}/task/${TASK.byMentor}/comments?per_page=5`,
      );
      expect(total.headers['x-total-count']).toBe('1');
      const path = `/mentorship_relation/${relation}/task/${TASK.byMentor}/comment/${hiddenCommentId}`;
      expectMessage(await call(world, mentee, 'PUT', path, { comment: 'Edited' }), 404, TEXT.noComment);
      expectMessage(await call(world, mentee, 'DELETE', path), 404, TEXT.noComment);
      const [row] = await world.sql<{ comment: string }>(`select "comment" from "task_comments" where "id" = ?`, [
        hiddenCommentId,
      ]);
      expect(row.comment).toBe('A comment that will be hidden');
    });

    it('hide_content on a chat message: gone from the messages of both parties', async () => {
      expect(await messagesOf(mentee)).toEqual([mentorMessageId, hiddenMessageId, messageId]);
      const filedReport = await filed(mentor, {
        target_type: 'chat_message',
        target_id: hiddenMessageId,
        reason: 'spam',
      });
      expect((await resolve(admin, filedReport.id, { outcome: 'hide_content' })).statusCode).toBe(200);
      for (const party of [mentor, mentee]) expect(await messagesOf(party)).toEqual([mentorMessageId, messageId]);
      expectMessage(
        await report(mentor, { target_type: 'chat_message', target_id: hiddenMessageId, reason: 'spam' }),
        404,
        TEXT.noMessage,
      );
    });

    it('suspend on an admin: 409 and the report stays open', async () => {
      const target = await filed(outsider, { target_type: 'user', target_id: admin2.id, reason: 'harassment' });
      expectMessage(await resolve(admin, target.id, { outcome: 'suspend', days: 3 }), 409, TEXT.adminNotSuspendable);
      const [row] = await world.sql<{ state: string }>(`select "state" from "reports" where "id" = ?`, [target.id]);
      expect(row.state).toBe('open');
      expect((await login(admin2)).statusCode).toBe(200);
    });

    it('suspend for N days: the reported user cannot log in (403 until …), their tokens stop working', async () => {
      const [row] = await world.sql<{ id: number }>(
        `select "id" from "reports" where "reporter_id" = ? and "target_type" = 'user' and "target_id" = ? and "state" = 'open'`,
        [outsider.id, spare.id],
      );
      const response = await resolve(admin, row.id, { outcome: 'suspend', days: 7, note: 'Second warning' });
      expect(response.statusCode).toBe(200);
      const body = response.json() as AdminReport;
      expect(body).toMatchObject({
        outcome: 'suspend',
        suspended_days: 7,
        target_user_id: spare.id,
        resolution_note: 'Second warning',
      });
      const until = new Date(Math.round(body.resolved_at! * 1000) + 7 * DAY_MS).toISOString();
      expectMessage(await login(spare), 403, TEXT.suspendedUntil(until));
      expectMessage(await call(world, spare, 'GET', '/user'), 401, TEXT.revoked);
      expectMessage(await refresh(spare.refreshToken), 401, TEXT.revoked);
      // No way around it with a token that names no session.
      expectMessage(
        await refresh(signTestToken({ identity: spare.id, type: 'refresh' })),
        403,
        TEXT.suspendedUntil(until),
      );
    });

    it("suspend for good, on content: the content's author cannot log in (403), their sessions end", async () => {
      // The mentor's open report on the mentee's message (from the concurrency test).
      const [filedReport] = await world.sql<{ id: number }>(
        `select "id" from "reports" where "reporter_id" = ? and "target_type" = 'chat_message' and "target_id" = ? and "state" = 'open'`,
        [mentor.id, messageId],
      );
      const response = await resolve(admin2, filedReport.id, { outcome: 'suspend' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        outcome: 'suspend',
        suspended_days: null,
        target_user_id: mentee.id,
        resolved_by: admin2.id,
      });
      expectMessage(await login(mentee), 403, TEXT.suspendedForGood);
      expectMessage(await call(world, mentee, 'GET', '/user'), 401, TEXT.revoked);
      expectMessage(await refresh(mentee.refreshToken), 401, TEXT.revoked);
      expectMessage(await refresh(signTestToken({ identity: mentee.id, type: 'refresh' })), 403, TEXT.suspendedForGood);
      // Still for good a moment later: no end date.
      const [row] = await world.sql<{ until: unknown }>(
        `select "suspended_until"::text as "until" from "users" where "id" = ?`,
        [mentee.id],
      );
      expect(row.until).toBe('infinity');
    });
  });

  it('audits every report, resolution, hidden content and suspension (GET /admin/audit_log)', async () => {
    const [commentReport] = await world.sql<{ id: number }>(
      `select "id" from "reports" where "target_type" = 'comment' and "target_id" = ?`,
      [hiddenCommentId],
    );
    const filedEntries = await eventually(async () => {
      const entries = await auditEntries('moderation.report_filed');
      return entries.some((entry) => entry.target_id === String(commentReport.id)) ? entries : null;
    });
    expect(filedEntries.find((entry) => entry.target_id === String(commentReport.id))).toEqual(
      expect.objectContaining({
        action: 'moderation.report_filed',
        actor_id: mentor.id,
        target_type: 'report',
        details: {
          reporterId: mentor.id,
          reportedType: 'comment',
          reportedId: hiddenCommentId,
          relationId: relation,
          targetUserId: mentee.id,
          reason: 'spam',
        },
      }),
    );
    // Never the reporter's free text.
    expect(JSON.stringify(filedEntries)).not.toContain('Calls me');
    const resolved = await eventually(async () => {
      const entries = await auditEntries('moderation.report_resolved');
      return entries.some((entry) => entry.target_id === String(commentReport.id)) ? entries : null;
    });
    expect(resolved.find((entry) => entry.target_id === String(commentReport.id))).toEqual(
      expect.objectContaining({
        actor_id: admin.id,
        target_type: 'report',
        details: expect.objectContaining({ outcome: 'hide_content', suspendedDays: null, note: null }),
      }),
    );
    const hidden = await eventually(async () => {
      const entries = await auditEntries('moderation.content_hidden');
      return entries.length >= 3 ? entries : null;
    });
    expect(hidden.map((entry) => `${entry.target_type}:${entry.target_id}`).sort()).toEqual(
      [`chat_message:${hiddenMessageId}`, `comment:${hiddenCommentId}`, `task:${relation}/${TASK.toHide}`].sort(),
    );
    expect(hidden.every((entry) => entry.actor_id === admin.id)).toBe(true);
    const suspended = await eventually(async () => {
      const entries = await auditEntries('accounts.account_suspended');
      return entries.length >= 2 ? entries : null;
    });
    expect(suspended.map((entry) => entry.target_id).sort()).toEqual([String(spare.id), String(mentee.id)].sort());
  });

  it('/docs describes the three routes, their query parameters and bodies', async () => {
    const doc = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    expect(Object.keys(doc.paths['/reports'].post.responses).sort()).toEqual(['201', '400', '401', '404', '409']);
    expect(doc.paths['/admin/reports'].get.parameters!.map((p) => p.name).sort()).toEqual([
      'page',
      'per_page',
      'state',
    ]);
    expect(Object.keys(doc.paths['/admin/reports/{report_id}/resolve'].post.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
    const { FileReportBody, ResolveReportBody, AdminReportDoc } = doc.components.schemas;
    expect(Object.keys(FileReportBody.properties).sort()).toEqual(
      ['details', 'reason', 'relation_id', 'target_id', 'target_type'].sort(),
    );
    expect(FileReportBody.properties.target_type.enum).toEqual(['user', 'task', 'comment', 'chat_message']);
    expect(FileReportBody.properties.reason.enum).toEqual([
      'spam',
      'harassment',
      'inappropriate',
      'impersonation',
      'other',
    ]);
    expect(ResolveReportBody.properties.outcome.enum).toEqual(['dismiss', 'hide_content', 'suspend']);
    expect(Object.keys(AdminReportDoc.properties).sort()).toEqual(ADMIN_REPORT_KEYS);
  });
});
