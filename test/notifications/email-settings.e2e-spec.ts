/**
 * Email preferences and one-click unsubscribe (issue 13): per kind of event, email on or off
 * (account security emails always sent), task activity as a digest or not at all; every other
 * email carries List-Unsubscribe + List-Unsubscribe-Post (RFC 8058) and a footer link that works
 * without logging in and switches off only its own setting. On PostgreSQL and PGlite, with the
 * emails read from a real SMTP sink.
 */
import { APP_URL } from '../support/accounts';
import type { ReceivedMail } from '../support/smtp-sink';
import {
  BACKENDS,
  call,
  countMails,
  createAccepted,
  createMembers,
  createRequest,
  expectMessage,
  type Member,
  sleep,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

const DEFAULTS = {
  relation_requests: true,
  request_answers: true,
  relation_updates: true,
  proposals: true,
  feedback: true,
  chat_messages: true,
  task_activity: 'digest',
  security: 'always',
};

const SUBJECT = {
  request: 'Mentorship System - You have got new relation request',
  rejected: 'Mentorship System - Your relation request was rejected',
  digest: 'Mentorship System - Task updates in your mentorship relation',
  confirm: 'Mentorship System - Please confirm your email',
};

const MSG = {
  invalidLink: 'The unsubscribe link is invalid.',
  security: 'security emails are always sent and cannot be switched off.',
  taskActivity: 'task_activity must be one of: digest, off.',
  unsubscribed: (setting: string) => `You will no longer receive these emails: ${setting}.`,
};

/** The value of a header of a received email (as sent, unfolded). */
function header(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.raw.headerLines.find((candidate) => candidate.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, ' ')
    .trim();
}

/** The path of the unsubscribe link in the List-Unsubscribe header. */
function unsubscribePath(mail: ReceivedMail): string {
  const value = header(mail, 'List-Unsubscribe');
  const match = /^<(.+)>$/.exec(value ?? '');
  if (!match) throw new Error(`no List-Unsubscribe header: ${String(value)}`);
  expect(match[1].startsWith(`${APP_URL}/unsubscribe/`)).toBe(true);
  return match[1].slice(APP_URL.length);
}

describe.each(BACKENDS)('email settings and one-click unsubscribe, on %s', (backend) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(backend, { TASK_DIGEST_DELAY: '1s', TASK_DIGEST_INTERVAL: '1s' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const settingsOf = async (user: Member) => {
    const response = await call(world, user, 'GET', '/user/notification_settings');
    expect(response.statusCode).toBe(200);
    return response.json<{ email: Record<string, unknown> }>();
  };
  const put = (user: Member, body: unknown) => call(world, user, 'PUT', '/user/notification_settings', body);
  /** What a mail client sends for List-Unsubscribe-Post: no login, a form body. */
  const oneClick = (path: string) =>
    world.test.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });

  describe('GET and PUT /user/notification_settings', () => {
    it('defaults: everything on, task activity as a digest, security emails always', async () => {
      const [member] = await createMembers(world, 1);
      expect(statusAndBody(await call(world, member, 'GET', '/user/notification_settings'))).toEqual({
        status: 200,
        body: { email: DEFAULTS },
      });
    });

    it('a partial PUT changes only the given keys and answers the full settings', async () => {
      const [member] = await createMembers(world, 1);
      expect(statusAndBody(await put(member, { proposals: false, task_activity: 'off' }))).toEqual({
        status: 200,
        body: { email: { ...DEFAULTS, proposals: false, task_activity: 'off' } },
      });
      expect(statusAndBody(await put(member, { feedback: false, proposals: true }))).toEqual({
        status: 200,
        body: { email: { ...DEFAULTS, feedback: false, task_activity: 'off' } },
      });
      expect(statusAndBody(await put(member, {}))).toEqual({
        status: 200,
        body: { email: { ...DEFAULTS, feedback: false, task_activity: 'off' } },
      });
      expect(await settingsOf(member)).toEqual({ email: { ...DEFAULTS, feedback: false, task_activity: 'off' } });
    });

    it.each([
      [{ security: false }, MSG.security],
      [{ security: 'always' }, MSG.security],
      [{ emails: true }, 'emails is not a notification setting.'],
      [{ proposals: false, chat: false }, 'chat is not a notification setting.'],
      [{ proposals: 'no' }, 'proposals must be true or false.'],
      [{ chat_messages: 1 }, 'chat_messages must be true or false.'],
      [{ relation_requests: null }, 'relation_requests must be true or false.'],
      [{ task_activity: 'weekly' }, MSG.taskActivity],
      [{ task_activity: true }, MSG.taskActivity],
    ])('PUT %j is 400 and changes nothing', async (body, text) => {
      const [member] = await createMembers(world, 1);
      expectMessage(await put(member, body), 400, text);
      expect(await settingsOf(member)).toEqual({ email: DEFAULTS });
    });

    it('needs a token', async () => {
      expect(statusAndBody(await call(world, null, 'GET', '/user/notification_settings')).status).toBe(401);
      expect(statusAndBody(await call(world, null, 'PUT', '/user/notification_settings', {})).status).toBe(401);
    });
  });

  describe('emails and their unsubscribe links', () => {
    it('a relation email carries List-Unsubscribe, List-Unsubscribe-Post and the link as a last paragraph', async () => {
      const [mentor, mentee] = await createMembers(world, 2);
      await createRequest(world, mentee, mentor, mentee);
      const mail = await world.sink.waitFor(mentor.email, SUBJECT.request);
      const path = unsubscribePath(mail);
      expect(path).toMatch(new RegExp(`^/unsubscribe/${mentor.id}\\.relation_requests\\.[A-Za-z0-9_-]{43}$`));
      expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const url = `${APP_URL}${path}`;
      // The reference's text is unchanged; the footer comes after the signature.
      expect(mail.text).toContain('You have new relation request!');
      expect(mail.text.trimEnd().endsWith(url)).toBe(true);
      expect(mail.text.indexOf('Systers Open Source')).toBeLessThan(mail.text.indexOf(url));
      expect(mail.html).toContain(`<a href="${url}">${url}</a></p>`);
      expect(mail.text).toContain('To stop these emails, unsubscribe:');
    });

    it('account security emails carry no unsubscribe link', async () => {
      const [member] = await createMembers(world, 1);
      const confirmation = world.sink.messages.find(
        (mail) => mail.to.includes(member.email) && mail.subject === SUBJECT.confirm,
      )!;
      expect(confirmation).toBeDefined();
      expect(header(confirmation, 'List-Unsubscribe')).toBeUndefined();
      expect(confirmation.text).not.toContain('/unsubscribe/');
    });

    it('the link turns exactly one setting off: that email stops, the others still come', async () => {
      const [mentor, mentee, other, third] = await createMembers(world, 4);
      await createRequest(world, mentee, mentor, mentee);
      const path = unsubscribePath(await world.sink.waitFor(mentor.email, SUBJECT.request));

      // Opening the link (what mail scanners do) changes nothing.
      const pageResponse = await world.test.app.inject({ method: 'GET', url: path });
      expect(pageResponse.statusCode).toBe(200);
      expect(pageResponse.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(pageResponse.body).toContain('mentorship requests you receive');
      expect(pageResponse.body).toContain('<form method="post">');
      expect(await settingsOf(mentor)).toEqual({ email: DEFAULTS });

      expect(statusAndBody(await oneClick(path))).toEqual({
        status: 200,
        body: { message: MSG.unsubscribed('relation_requests') },
      });
      expect(await settingsOf(mentor)).toEqual({ email: { ...DEFAULTS, relation_requests: false } });
      // Again, and with an empty body: the same answer, nothing else changes.
      expect(statusAndBody(await world.test.app.inject({ method: 'POST', url: path }))).toEqual({
        status: 200,
        body: { message: MSG.unsubscribed('relation_requests') },
      });
      expect(await settingsOf(mentor)).toEqual({ email: { ...DEFAULTS, relation_requests: false } });

      // The next request to the mentor is not mailed (it is still in the feed)...
      await createRequest(world, other, mentor, other);
      // ...while an answer to the mentor's own request still is.
      const own = await createRequest(world, mentor, third, mentor);
      expect(statusAndBody(await call(world, third, 'PUT', `/mentorship_relation/${own}/reject`)).status).toBe(200);
      await world.sink.waitFor(mentor.email, SUBJECT.rejected);
      await sleep(1_000);
      expect(countMails(world.sink, mentor.email, SUBJECT.request)).toBe(1);
      expect(countMails(world.sink, mentor.email, SUBJECT.rejected)).toBe(1);
      const [notifications] = await world.sql<{ n: number | string }>(
        `select count(*) as "n" from "notifications" where "user_id" = ? and "kind" = 'relation_requested'`,
        [mentor.id],
      );
      expect(Number(notifications.n)).toBe(2);
    });

    it('task digests carry their own link; task_activity off means no digest', async () => {
      const [mentor, mentee] = await createMembers(world, 2);
      const id = await createAccepted(world, mentor, mentee);
      const addTask = async (description: string) =>
        expect((await call(world, mentor, 'POST', `/mentorship_relation/${id}/task`, { description })).statusCode).toBe(
          201,
        );
      await addTask('first task');
      const digest = await world.sink.waitFor(mentee.email, SUBJECT.digest, 15_000);
      const path = unsubscribePath(digest);
      expect(path).toMatch(new RegExp(`^/unsubscribe/${mentee.id}\\.task_activity\\.`));
      expect(statusAndBody(await oneClick(path))).toEqual({
        status: 200,
        body: { message: MSG.unsubscribed('task_activity') },
      });
      expect(await settingsOf(mentee)).toEqual({ email: { ...DEFAULTS, task_activity: 'off' } });
      await addTask('second task');
      await sleep(3_500);
      expect(countMails(world.sink, mentee.email, SUBJECT.digest)).toBe(1);
    });

    it('a tampered, forged or malformed token is 400, on GET and POST, and changes nothing', async () => {
      const [mentor, mentee] = await createMembers(world, 2);
      await createRequest(world, mentee, mentor, mentee);
      const path = unsubscribePath(await world.sink.waitFor(mentor.email, SUBJECT.request));
      const [, , token] = path.split('/');
      const [uid, setting, signature] = token.split('.');
      const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
      const bad = [
        `${uid}.${setting}.${flipped}`,
        `${mentee.id}.${setting}.${signature}`,
        `${uid}.proposals.${signature}`,
        `${uid}.security.${signature}`,
        `${uid}.${setting}`,
        'not-a-token',
      ];
      for (const candidate of bad) {
        expectMessage(await oneClick(`/unsubscribe/${candidate}`), 400, MSG.invalidLink);
        expectMessage(
          await world.test.app.inject({ method: 'GET', url: `/unsubscribe/${candidate}` }),
          400,
          MSG.invalidLink,
        );
      }
      expect(await settingsOf(mentor)).toEqual({ email: DEFAULTS });
      expect(await settingsOf(mentee)).toEqual({ email: DEFAULTS });
    });

    it('form bodies stay refused everywhere else', async () => {
      const response = await world.test.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=a&password=b',
      });
      expect(statusAndBody(response)).toEqual({
        status: 400,
        body: { message: 'The browser (or proxy) sent a request that this server could not understand.' },
      });
    });
  });
});
