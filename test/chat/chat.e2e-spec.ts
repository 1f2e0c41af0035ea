/**
 * Chat inside a mentorship relation (beyond the reference): the two parties of an ACCEPTED
 * relation write to each other, page through the conversation, keep read receipts, keep reading
 * after the relation ends, and nobody else reads or writes. A new message reaches the recipient's
 * live streams at once, and an email only if it is still unread after CHAT_EMAIL_DELAY.
 * Over real HTTP, on PostgreSQL and on the embedded database, emails read from an SMTP sink.
 */
import { LiveBus, type LiveMessage } from '@app/platform';
import { deleteOwnAccount } from '../support/accounts';
import { eventually } from '../support/app';
import {
  BACKENDS,
  call,
  countMails,
  createAccepted,
  createMembers,
  createRequest,
  expectMessage,
  type Member,
  relationRow,
  sleep,
  startWorld,
  STATE,
  statusAndBody,
  type World,
} from '../relation-life/support';

const MSG = {
  relationNotFound: 'Mentorship relation does not exist.',
  needAccepted: 'Messages can only be sent in an accepted mentorship relation.',
  bodyRequired: 'body is required.',
  bodyNotString: 'body must be a string.',
  bodyCharacters: 'body contains characters that are not allowed.',
  bodyLength: 'body must be 1 to 2000 characters long, not counting surrounding whitespace.',
  upToInvalid: 'up_to must be a positive integer (a message id).',
  badRequest: 'The browser (or proxy) sent a request that this server could not understand.',
  badBefore: 'The before query parameter is invalid.',
  badLimit: 'The limit query parameter is invalid.',
  urlNotFound:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
};

const subjectFrom = (sender: Member) => `Mentorship System - New messages from ${sender.name}`;

interface MessageView {
  id: number;
  relation_id: number;
  author_id: number;
  sent_by_me: boolean;
  body: string;
  created_at: number;
  read_by_other: boolean;
}

const MESSAGE_KEYS = ['author_id', 'body', 'created_at', 'id', 'read_by_other', 'relation_id', 'sent_by_me'];

describe.each(BACKENDS)('chat inside a mentorship relation, on %s', (backend) => {
  let world: World;
  let mentor: Member;
  let mentee: Member;
  let outsider: Member;
  let relationId: number;

  beforeAll(async () => {
    world = await startWorld(backend, { CHAT_EMAIL_DELAY: '1s' });
    [, mentor, mentee, outsider] = await createMembers(world, 4); // the first one is the admin
    relationId = await createAccepted(world, mentor, mentee);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  const url = (id: number) => `/mentorship_relation/${id}/messages`;
  const post = (user: Member, id: number, body: unknown) => call(world, user, 'POST', url(id), body);
  const list = (user: Member, id: number, query = '') => call(world, user, 'GET', `${url(id)}${query}`);
  const read = (user: Member, id: number, body?: unknown) => call(world, user, 'POST', `${url(id)}/read`, body);
  const send = async (user: Member, id: number, body: string): Promise<MessageView> => {
    const response = await post(user, id, { body });
    expect(statusAndBody(response)).toMatchObject({ status: 201 });
    return response.json<MessageView>();
  };
  const page = async (user: Member, id: number, query = '') => {
    const response = await list(user, id, query);
    expect(response.statusCode).toBe(200);
    return response.json<{
      messages: MessageView[];
      next_before: number | null;
      other_party_last_read_id: number | null;
    }>();
  };
  /** The view `viewer` gets of a message, from the POST answer its author got. */
  const seenBy = (message: MessageView, viewer: Member, readByOther: boolean): MessageView => ({
    ...message,
    sent_by_me: message.author_id === viewer.id,
    read_by_other: readByOther,
  });

  it('posts a message and lists the conversation newest first, with exact views', async () => {
    const before = Date.now() / 1000;
    const first = await send(mentor, relationId, 'Hello, welcome aboard!');
    expect(Object.keys(first).sort()).toEqual(MESSAGE_KEYS);
    expect(first).toEqual({
      id: expect.any(Number),
      relation_id: relationId,
      author_id: mentor.id,
      sent_by_me: true,
      body: 'Hello, welcome aboard!',
      created_at: expect.any(Number),
      read_by_other: false,
    });
    expect(first.created_at).toBeGreaterThanOrEqual(before - 1);
    expect(first.created_at).toBeLessThanOrEqual(Date.now() / 1000 + 1);

    // Surrounding whitespace is trimmed; inner whitespace stays.
    const second = await send(mentee, relationId, '  Thank you!\nSee you Thursday.  ');
    expect(second).toMatchObject({ author_id: mentee.id, body: 'Thank you!\nSee you Thursday.', read_by_other: false });
    expect(second.id).toBeGreaterThan(first.id);

    // Writing moves the writer's receipt to their message: the mentee has read the mentor's message
    // (and a message of the other party always shows read_by_other: its author has read it).
    expect(await page(mentor, relationId)).toEqual({
      messages: [seenBy(second, mentor, true), seenBy(first, mentor, true)],
      next_before: null,
      other_party_last_read_id: second.id,
    });
    expect(await page(mentee, relationId)).toEqual({
      messages: [seenBy(second, mentee, false), seenBy(first, mentee, true)],
      next_before: null,
      other_party_last_read_id: first.id,
    });
  });

  it('pages with before and limit (exact cursors; next_before null on the last page)', async () => {
    const [a, b] = await createMembers(world, 2);
    const id = await createAccepted(world, a, b);
    const sent: MessageView[] = [];
    for (let i = 1; i <= 7; i += 1) sent.push(await send(i % 2 ? a : b, id, `message ${i}`));
    const ids = sent.map((m) => m.id).reverse(); // newest first

    const p1 = await page(a, id, '?limit=3');
    expect(p1.messages.map((m) => m.id)).toEqual(ids.slice(0, 3));
    expect(p1.next_before).toBe(ids[2]);
    const p2 = await page(a, id, `?before=${p1.next_before}&limit=3`);
    expect(p2.messages.map((m) => m.id)).toEqual(ids.slice(3, 6));
    expect(p2.next_before).toBe(ids[5]);
    const p3 = await page(a, id, `?before=${p2.next_before}&limit=3`);
    expect(p3.messages.map((m) => m.body)).toEqual(['message 1']);
    expect(p3.next_before).toBeNull();

    // Exactly the rest fits: no further page. The default limit (50) takes them all.
    expect(await page(a, id, `?before=${ids[3]}&limit=3`)).toMatchObject({ next_before: null });
    expect((await page(a, id, `?before=${ids[3]}&limit=3`)).messages.map((m) => m.id)).toEqual(ids.slice(4, 7));
    expect(await page(a, id, '?limit=7')).toMatchObject({ next_before: null });
    const all = await page(b, id);
    expect(all.messages.map((m) => m.body)).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `message ${n}`));
    expect(all.next_before).toBeNull();
    // A cursor below every id: an empty page.
    expect(await page(a, id, `?before=${ids[6]}`)).toEqual({
      messages: [],
      next_before: null,
      other_party_last_read_id: ids[1],
    });
    // An empty before or limit is the default.
    expect((await page(a, id, '?before=&limit=')).messages).toHaveLength(7);
  });

  it.each([
    ['?before=0', MSG.badBefore],
    ['?before=abc', MSG.badBefore],
    ['?before=-3', MSG.badBefore],
    ['?before=2147483648', MSG.badBefore],
    ['?limit=0', MSG.badLimit],
    ['?limit=101', MSG.badLimit],
    ['?limit=1.5', MSG.badLimit],
    ['?limit=ten', MSG.badLimit],
  ])('answers GET …/messages%s with a 400 naming the parameter', async (query, text) => {
    expectMessage(await list(mentor, relationId, query), 400, text);
  });

  it('takes 1 and 2,000 characters (code points), trimmed', async () => {
    expect(await send(mentor, relationId, 'k')).toMatchObject({ body: 'k' });
    expect(await send(mentor, relationId, 'x'.repeat(2000))).toMatchObject({ body: 'x'.repeat(2000) });
    expect(await send(mentor, relationId, ` ${'é'.repeat(2000)}\n`)).toMatchObject({ body: 'é'.repeat(2000) });
    expect(await send(mentor, relationId, '🙂'.repeat(2000))).toMatchObject({ body: '🙂'.repeat(2000) });
  });

  it.each([
    ['an empty body', { body: '' }, MSG.bodyLength],
    ['a whitespace-only body', { body: ' \n\t ' }, MSG.bodyLength],
    ['2,001 characters', { body: 'x'.repeat(2001) }, MSG.bodyLength],
    ['a number', { body: 42 }, MSG.bodyNotString],
    ['a list', { body: ['hi'] }, MSG.bodyNotString],
    ['an object', { body: { text: 'hi' } }, MSG.bodyNotString],
    ['no body', {}, MSG.bodyRequired],
    ['a null body', { body: null }, MSG.bodyRequired],
    ['a NUL character', { body: 'a\u0000b' }, MSG.bodyCharacters],
    ['a lone surrogate', { body: 'a\ud800b' }, MSG.bodyCharacters],
    ['a JSON null', 'null', MSG.bodyRequired],
    ['a JSON string', '"hello"', MSG.bodyRequired],
    ['a JSON list', '[{"body":"hello"}]', MSG.bodyRequired],
  ])('refuses %s with a 400 and stores nothing', async (_name, payload, text) => {
    const [{ count: before }] = await world.sql<{ count: string }>(
      `select count(*) as "count" from "chat_messages" where "relation_id" = ?`,
      [relationId],
    );
    expectMessage(await post(mentor, relationId, payload), 400, text);
    const [{ count: after }] = await world.sql<{ count: string }>(
      `select count(*) as "count" from "chat_messages" where "relation_id" = ?`,
      [relationId],
    );
    expect(Number(after)).toBe(Number(before));
  });

  it('answers invalid JSON and bodies that are no object with a 4xx {"message"}, never a 5xx', async () => {
    expectMessage(await post(mentor, relationId, '{"body": "hi"'), 400, MSG.badRequest);
    expectMessage(await read(mentor, relationId, '{"up_to": '), 400, MSG.badRequest);
    expectMessage(await read(mentor, relationId, '{"up_to": 1e400}'), 400, MSG.upToInvalid);
    // A JSON null is no body: the newest message.
    expect(statusAndBody(await read(mentee, relationId, 'null'))).toMatchObject({ status: 200 });
    // Not an object: the global pipe's 400 (its text is the platform's, not this route's).
    for (const body of ['[]', '"x"', '5']) {
      const response = await read(mentor, relationId, body);
      expect({ body, status: response.statusCode, keys: Object.keys(response.json()) }).toEqual({
        body,
        status: 400,
        keys: ['message'],
      });
    }
  });

  it('lets nobody but the two parties read, write or mark read (404, revealing nothing)', async () => {
    expectMessage(await list(outsider, relationId), 404, MSG.relationNotFound);
    expectMessage(await post(outsider, relationId, { body: 'let me in' }), 404, MSG.relationNotFound);
    expectMessage(await read(outsider, relationId, {}), 404, MSG.relationNotFound);
    expectMessage(await read(outsider, relationId, { up_to: 1 }), 404, MSG.relationNotFound);
    // A relation that does not exist answers the same.
    expectMessage(await list(mentor, 99_999_999), 404, MSG.relationNotFound);
    expectMessage(await post(mentor, 99_999_999, { body: 'hello?' }), 404, MSG.relationNotFound);
    expectMessage(await read(mentor, 99_999_999, {}), 404, MSG.relationNotFound);
    expectMessage(await list(mentor, 99_999_999_999_999), 404, MSG.relationNotFound);
    // Not an id: the router's 404.
    expectMessage(await call(world, mentor, 'GET', '/mentorship_relation/abc/messages'), 404, MSG.urlNotFound);
    // Without a token: 401.
    expect((await call(world, null, 'GET', url(relationId))).statusCode).toBe(401);
    // The outsider's attempts left nothing behind.
    const rows = await world.sql<{ author_id: number }>(
      `select "author_id" from "chat_messages" where "author_id" = ?`,
      [outsider.id],
    );
    expect(rows).toEqual([]);
  });

  it('keeps read receipts that only move forward, capped at the newest message', async () => {
    const [a, b] = await createMembers(world, 2);
    const id = await createAccepted(world, a, b);
    // Nothing to read yet.
    expect(statusAndBody(await read(a, id))).toEqual({ status: 200, body: { last_read_id: null } });
    const m1 = await send(b, id, 'one');
    const m2 = await send(b, id, 'two');
    const m3 = await send(b, id, 'three');
    expect((await page(b, id)).other_party_last_read_id).toBeNull();
    expect((await page(b, id)).messages.map((m) => m.read_by_other)).toEqual([false, false, false]);

    expect(statusAndBody(await read(a, id, { up_to: m2.id }))).toEqual({ status: 200, body: { last_read_id: m2.id } });
    expect(await page(b, id)).toEqual({
      messages: [seenBy(m3, b, false), seenBy(m2, b, true), seenBy(m1, b, true)],
      next_before: null,
      other_party_last_read_id: m2.id,
    });
    // Never back.
    expect(statusAndBody(await read(a, id, { up_to: m1.id }))).toEqual({ status: 200, body: { last_read_id: m2.id } });
    // Past the newest: the newest. Without up_to (an empty body, or none at all): the newest.
    expect(statusAndBody(await read(a, id, { up_to: 2_000_000_000 }))).toEqual({
      status: 200,
      body: { last_read_id: m3.id },
    });
    const m4 = await send(b, id, 'four');
    expect(statusAndBody(await read(a, id))).toEqual({ status: 200, body: { last_read_id: m4.id } });
    const m5 = await send(b, id, 'five');
    expect(statusAndBody(await read(a, id, {}))).toEqual({ status: 200, body: { last_read_id: m5.id } });
    expect((await page(b, id)).other_party_last_read_id).toBe(m5.id);
    const [row] = await world.sql<{ last_read_message_id: number; read_at: number }>(
      `select "last_read_message_id", "read_at" from "chat_reads" where "relation_id" = ? and "user_id" = ?`,
      [id, a.id],
    );
    expect(row.last_read_message_id).toBe(m5.id);

    for (const upTo of [0, -1, 1.5, '3', true]) {
      expectMessage(await read(a, id, { up_to: upTo }), 400, MSG.upToInvalid);
    }
  });

  it('publishes a new message at once to the recipient’s live streams (and the author’s others)', async () => {
    const bus = world.test.app.get(LiveBus);
    const toMentee: LiveMessage[] = [];
    const toMentor: LiveMessage[] = [];
    // The feed's notifications come through the same bus: only the chat's own messages count here.
    const stopMentee = bus.subscribe(mentee.id, (message) => message.type === 'chat_message' && toMentee.push(message));
    const stopMentor = bus.subscribe(mentor.id, (message) => message.type === 'chat_message' && toMentor.push(message));
    try {
      const message = await send(mentor, relationId, 'Are you there?');
      await eventually(() => toMentee.length >= 1 && toMentor.length >= 1, 5_000);
      expect(toMentee).toEqual([
        {
          userId: mentee.id,
          type: 'chat_message',
          id: `chat-${message.id}`,
          data: { ...message, sent_by_me: false, read_by_other: true },
        },
      ]);
      expect(toMentor).toEqual([{ userId: mentor.id, type: 'chat_message', id: `chat-${message.id}`, data: message }]);

      // A read receipt goes to the author.
      expect(statusAndBody(await read(mentee, relationId))).toEqual({
        status: 200,
        body: { last_read_id: message.id },
      });
      await eventually(() => toMentor.length >= 2, 5_000);
      expect(toMentor[1]).toEqual({
        userId: mentor.id,
        type: 'chat_message',
        data: { relation_id: relationId, read_up_to: message.id },
      });
      // Reading again moves nothing and tells nobody.
      await read(mentee, relationId);
      await sleep(200);
      expect(toMentor).toHaveLength(2);
      expect(toMentee).toHaveLength(1);
    } finally {
      stopMentee();
      stopMentor();
    }
  });

  it('records the events in the outbox, without the message text', async () => {
    const message = await send(mentee, relationId, 'A secret only the mentor may read');
    const rows = await world.sql<{ event_type: string; payload: Record<string, unknown> | string }>(
      `select "event_type", "payload" from "outbox" where "event_type" like 'chat.%' order by "occurred_at"`,
    );
    const payloads = rows.map((row) => ({
      type: row.event_type,
      payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
    }));
    expect(payloads).toContainEqual({
      type: 'chat.message_posted',
      payload: { messageId: message.id, relationId, authorId: mentee.id, recipientId: mentor.id },
    });
    expect(payloads).toContainEqual({
      type: 'chat.messages_read',
      payload: expect.objectContaining({ relationId, readerId: mentee.id, otherPartyId: mentor.id }),
    });
    expect(JSON.stringify(payloads)).not.toContain('secret');
  });

  it('writes only in an ACCEPTED relation, and reads in every state', async () => {
    const [a, b] = await createMembers(world, 2);
    const id = await createRequest(world, b, a, b); // b asks a to mentor them: PENDING
    expectMessage(await post(b, id, { body: 'too early' }), 409, MSG.needAccepted);
    expectMessage(await post(a, id, { body: 'too early' }), 409, MSG.needAccepted);
    expect(await page(a, id)).toEqual({ messages: [], next_before: null, other_party_last_read_id: null });
    expect(statusAndBody(await read(b, id))).toEqual({ status: 200, body: { last_read_id: null } });

    expect((await call(world, a, 'PUT', `/mentorship_relation/${id}/accept`)).statusCode).toBe(200);
    const hello = await send(a, id, 'Accepted, welcome!');

    // Completed: still readable, no longer writable.
    await world.sql(`delete from "active_mentorships" where "relation_id" = ?`, [id]);
    await world.sql(`update "mentorship_relations" set "state" = 5, "completed_at" = ? where "id" = ?`, [
      Date.now() / 1000,
      id,
    ]);
    expectMessage(await post(b, id, { body: 'one more thing' }), 409, MSG.needAccepted);
    expect((await page(b, id)).messages).toEqual([seenBy(hello, b, true)]);
    expect((await page(a, id)).messages).toEqual([seenBy(hello, a, false)]);
    expect(statusAndBody(await read(b, id))).toEqual({ status: 200, body: { last_read_id: hello.id } });
    expect((await page(a, id)).messages).toEqual([seenBy(hello, a, true)]); // b has read it now
    expectMessage(await list(outsider, id), 404, MSG.relationNotFound);

    // Cancelled: the same.
    const [c, d] = await createMembers(world, 2);
    const cancelled = await createAccepted(world, c, d);
    const bye = await send(d, cancelled, 'Thanks for everything');
    expect((await call(world, c, 'PUT', `/mentorship_relation/${cancelled}/cancel`)).statusCode).toBe(200);
    expectMessage(await post(c, cancelled, { body: 'wait' }), 409, MSG.needAccepted);
    expectMessage(await post(d, cancelled, { body: 'wait' }), 409, MSG.needAccepted);
    expect((await page(c, cancelled)).messages).toEqual([seenBy(bye, c, true)]);
    expectMessage(await list(outsider, cancelled), 404, MSG.relationNotFound);
  });

  it('emails an unread message once after CHAT_EMAIL_DELAY, and nothing for a message read in time', async () => {
    const [a, b] = await createMembers(world, 2);
    const id = await createAccepted(world, a, b);
    // Two messages in a row: one email, after the delay, counting both and quoting them (escaped).
    await send(a, id, 'First <b>bold</b> idea');
    await send(a, id, 'Second thought');
    await sleep(300);
    expect(countMails(world.sink, b.email, subjectFrom(a))).toBe(0);
    await eventually(() => countMails(world.sink, b.email, subjectFrom(a)) === 1, 10_000);
    const [mail] = world.sink.messages.filter((m) => m.subject === subjectFrom(a));
    expect(mail.to).toEqual([b.email]);
    expect(mail.text).toContain(`Hi ${b.name}, ${a.name} sent you 2 new messages in your mentorship relation.`);
    expect(mail.text).toContain('> Second thought\n> First <b>bold</b> idea');
    expect(mail.html).toContain('First &#60;b&#62;bold&#60;/b&#62; idea');
    await sleep(2_500);
    expect(countMails(world.sink, b.email, subjectFrom(a))).toBe(1);
    // The author is never mailed about their own messages.
    expect(countMails(world.sink, a.email, subjectFrom(b))).toBe(0);

    // Read within the delay: no email.
    const reply = await send(b, id, 'Got it, thanks');
    expect(statusAndBody(await read(a, id, { up_to: reply.id }))).toEqual({
      status: 200,
      body: { last_read_id: reply.id },
    });
    await sleep(3_000);
    expect(countMails(world.sink, a.email, subjectFrom(b))).toBe(0);
    const [digest] = await world.sql<{ pending_since: unknown }>(
      `select "pending_since" from "chat_email_digests" where "relation_id" = ? and "recipient_id" = ?`,
      [id, a.id],
    );
    expect(digest.pending_since).toBeNull();
  }, 60_000);

  describe('/docs', () => {
    type Operation = { responses: Record<string, { description?: string }>; security?: unknown[]; tags?: string[] };
    let paths: Record<string, Record<string, Operation>>;
    const MESSAGES = '/mentorship_relation/{request_id}/messages';

    beforeAll(async () => {
      paths = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json().paths;
    });

    it.each([
      ['post', MESSAGES, ['201', '400', '401', '404', '409']],
      ['get', MESSAGES, ['200', '400', '401', '404']],
      ['post', `${MESSAGES}/read`, ['200', '400', '401', '404']],
    ])('%s %s documents exactly %j, with the bearer token', (method, path, statuses) => {
      const operation = paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.tags).toEqual(['chat']);
    });

    it('every text the routes answer is in their documented statuses', () => {
      const described = (method: string, path: string, status: string) =>
        paths[path][method].responses[status].description ?? '';
      for (const text of [MSG.bodyRequired, MSG.bodyNotString, MSG.bodyCharacters, MSG.bodyLength]) {
        expect(described('post', MESSAGES, '400')).toContain(text);
      }
      expect(described('post', MESSAGES, '409')).toContain(MSG.needAccepted);
      expect(described('get', MESSAGES, '400')).toContain(MSG.badBefore);
      expect(described('get', MESSAGES, '400')).toContain(MSG.badLimit);
      expect(described('post', `${MESSAGES}/read`, '400')).toContain(MSG.upToInvalid);
      for (const [method, path] of [
        ['post', MESSAGES],
        ['get', MESSAGES],
        ['post', `${MESSAGES}/read`],
      ]) {
        expect(described(method, path, '404')).toContain(MSG.relationNotFound);
      }
    });
  });

  it('keeps a deleted account’s messages readable to the other party', async () => {
    const [a, b] = await createMembers(world, 2);
    const id = await createAccepted(world, a, b);
    const hers = await send(b, id, 'I am leaving the platform');
    await deleteOwnAccount(world.test, b);
    // The relation is cancelled by the reaction to the deletion; the conversation stays.
    await eventually(async () => (await relationRow(world, id)).state === STATE.CANCELLED, 10_000);
    expectMessage(await post(a, id, { body: 'Are you still there?' }), 409, MSG.needAccepted);
    expect(await page(a, id)).toEqual({
      messages: [seenBy(hers, a, true)],
      next_before: null,
      other_party_last_read_id: hers.id,
    });
  }, 30_000);
});
