/**
 * The live stream, GET /events (Server-Sent Events), over real listening servers and a real HTTP
 * client reading the stream (node:http), never inject: auth by header and by single-use ticket,
 * what reaches whom, the Last-Event-ID replay from the feed, the end of a stream when its session
 * is revoked, and two API processes on one PostgreSQL and one Redis, where a request sent through
 * one reaches the receiver's stream open on the other within a second.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import { InProcessLiveBus, LiveBus, type LiveMessage, RedisLiveBus } from '@app/platform';
import { LiveStreams } from '@app/notifications';
import { eventually, type TestApp } from '../support/app';
import { bearer, login } from '../support/accounts';
import {
  BACKENDS,
  call,
  createMember,
  createMembers,
  createRequest,
  type Member,
  sleep,
  startWorld,
  type World,
} from '../relation-life/support';

jest.setTimeout(60_000);

const MISSING = 'The authorization token is missing!';
const TICKET_INVALID = 'The stream ticket is invalid, expired or already used; ask for a new one.';
const REVOKED = 'The token has been revoked! Please, login again.';

interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
  at: number;
}

/** One open stream read as it comes: its head, the events parsed so far, and how it ended. */
class StreamClient {
  readonly events: SseEvent[] = [];
  raw = '';
  ended = false;
  private buffer = '';
  private readonly endedPromise: Promise<void>;

  constructor(
    readonly response: IncomingMessage,
    private readonly abort: () => void,
  ) {
    response.setEncoding('utf8');
    this.endedPromise = new Promise((resolve) => {
      response.on('data', (chunk: string) => this.take(chunk));
      response.on('end', () => {
        this.ended = true;
        resolve();
      });
      response.on('close', () => {
        this.ended = true;
        resolve();
      });
    });
  }

  private take(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const event: Partial<SseEvent> & { dataText?: string } = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line.startsWith('retry:')) continue;
        const colon = line.indexOf(': ');
        const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 2)];
        if (field === 'id') event.id = value;
        if (field === 'event') event.event = value;
        if (field === 'data') event.dataText = value;
      }
      if (event.event) {
        this.events.push({
          id: event.id,
          event: event.event,
          data: JSON.parse(event.dataText ?? 'null'),
          at: Date.now(),
        });
      }
    }
  }

  ofType(type: string): SseEvent[] {
    return this.events.filter((event) => event.event === type);
  }

  async next(type: string, after = 0, timeoutMs = 5_000): Promise<SseEvent> {
    return eventually(() => this.ofType(type)[after], timeoutMs, 10);
  }

  async end(timeoutMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the stream did not end within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.endedPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.abort();
  }
}

/** A GET /events that answered something else than a stream. */
interface Refusal {
  status: number;
  body: unknown;
}

/** GET /events on a listening server; resolves once the head is in (a stream), or the whole answer (a refusal). */
function openStream(
  baseUrl: string,
  options: { token?: string; ticket?: string; lastEventId?: string; query?: string } = {},
): Promise<StreamClient | Refusal> {
  const params = new URLSearchParams();
  if (options.ticket !== undefined) params.set('ticket', options.ticket);
  const search = options.query ?? params.toString();
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/events${search ? `?${search}` : ''}`, {
      headers: {
        accept: 'text/event-stream',
        ...(options.token ? bearer(options.token) : {}),
        ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
      },
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    request.on('response', (response) => {
      if (response.statusCode === 200) {
        resolve(new StreamClient(response, () => request.destroy()));
        return;
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.end();
  });
}

async function stream(baseUrl: string, options: Parameters<typeof openStream>[1]): Promise<StreamClient> {
  const opened = await openStream(baseUrl, options);
  if (!(opened instanceof StreamClient)) throw new Error(`GET /events answered ${JSON.stringify(opened)}`);
  // The head and the retry line are written first: wait for them, so the stream is subscribed.
  await eventually(() => opened.raw.startsWith('retry: 3000\n\n'), 5_000, 10);
  return opened;
}

async function refusal(baseUrl: string, options: Parameters<typeof openStream>[1]): Promise<Refusal> {
  const opened = await openStream(baseUrl, options);
  if (opened instanceof StreamClient) {
    opened.close();
    throw new Error('GET /events opened a stream');
  }
  return opened;
}

async function listen(test: TestApp): Promise<string> {
  await test.app.listen(0, '127.0.0.1');
  const address = test.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
  return `http://127.0.0.1:${address.port}`;
}

async function ticketFor(world: World | TestApp, member: { accessToken: string }): Promise<string> {
  const response = await call(world, member, 'POST', '/events/ticket');
  expect(response.statusCode).toBe(201);
  return response.json().ticket;
}

/** The ids of a member's notifications (helper D's feed), oldest first. */
async function notificationIds(world: World, userId: number): Promise<number[]> {
  const rows = await world.sql<{ id: number | string }>(
    `select "id" from "notifications" where "user_id" = ? order by "id"`,
    [userId],
  );
  return rows.map((row) => Number(row.id));
}

describe.each(BACKENDS)('GET /events, the live stream (%s)', (backend) => {
  let world: World;
  let baseUrl: string;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  const open: StreamClient[] = [];
  const track = (client: StreamClient) => (open.push(client), client);

  beforeAll(async () => {
    world = await startWorld(backend);
    baseUrl = await listen(world.test);
    [alice, bob, carol] = await createMembers(world, 3);
  });

  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  afterAll(async () => {
    await world?.close();
  });

  describe('who may open a stream', () => {
    it('without a token or a ticket: 401 "missing", as every protected route', async () => {
      expect(await refusal(baseUrl, {})).toEqual({ status: 401, body: { message: MISSING } });
    });

    it('POST /events/ticket without a token: 401 "missing"', async () => {
      const response = await fetch(`${baseUrl}/events/ticket`, { method: 'POST' });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 401,
        body: { message: MISSING },
      });
    });

    it('POST /events/ticket: 201 a ticket, valid 60 s, stored only as its hash', async () => {
      const response = await call(world, alice, 'POST', '/events/ticket');
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual(['expires_in', 'ticket']);
      expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.expires_in).toBe(60);
      const rows = await world.sql<{ token_hash: string; user_id: number }>(
        `select "token_hash", "user_id" from "live_tickets" where "user_id" = ?`,
        [alice.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.every((row) => row.token_hash !== body.ticket && /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    });

    it('a ticket opens a stream once; the second use, an unknown, a malformed or an expired ticket: 401', async () => {
      const ticket = await ticketFor(world, alice);
      const first = track(await stream(baseUrl, { ticket }));
      expect(first.response.statusCode).toBe(200);
      expect(await refusal(baseUrl, { ticket })).toEqual({ status: 401, body: { message: TICKET_INVALID } });
      const unknown = randomBytes(32).toString('base64url');
      expect(await refusal(baseUrl, { ticket: unknown })).toEqual({ status: 401, body: { message: TICKET_INVALID } });
      expect(await refusal(baseUrl, { ticket: 'nonsense' })).toEqual({
        status: 401,
        body: { message: TICKET_INVALID },
      });
      expect(await refusal(baseUrl, { ticket: '' })).toEqual({ status: 401, body: { message: TICKET_INVALID } });
      expect(await refusal(baseUrl, { query: `ticket=${ticket}&ticket=${ticket}` })).toEqual({
        status: 401,
        body: { message: TICKET_INVALID },
      });

      const expired = await ticketFor(world, alice);
      await world.sql(`update "live_tickets" set "expires_at" = now() - interval '1 second' where "user_id" = ?`, [
        alice.id,
      ]);
      expect(await refusal(baseUrl, { ticket: expired })).toEqual({ status: 401, body: { message: TICKET_INVALID } });
    });

    it('a ticket of a session that has ended since: 401 "revoked"', async () => {
      const session = await login(world.test, carol.username, carol.password);
      const ticket = await ticketFor(world, session);
      expect((await call(world, session, 'POST', '/logout')).statusCode).toBe(200);
      expect(await refusal(baseUrl, { ticket })).toEqual({ status: 401, body: { message: REVOKED } });
    });

    it('the access token in the Authorization header opens it: the SSE head, then "retry: 3000"', async () => {
      const client = track(await stream(baseUrl, { token: alice.accessToken }));
      expect(client.response.statusCode).toBe(200);
      expect(client.response.headers['content-type']).toBe('text/event-stream');
      expect(client.response.headers['cache-control']).toBe('no-cache');
      expect(client.response.headers['x-accel-buffering']).toBe('no');
      expect(client.response.headers['x-request-id']).toEqual(expect.any(String));
      expect(client.raw).toBe('retry: 3000\n\n');
    });

    it('HEAD /events answers the head and holds no stream open', async () => {
      const response = await fetch(`${baseUrl}/events`, { method: 'HEAD', headers: bearer(alice.accessToken) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      await sleep(100);
      expect(world.test.app.get(LiveStreams).count).toBe(open.filter((client) => !client.ended).length);
    });
  });

  describe('what reaches a stream', () => {
    it("a request's notification reaches the receiver's stream, and nothing of it a third party's", async () => {
      const bobs = track(await stream(baseUrl, { token: bob.accessToken }));
      const carols = track(await stream(baseUrl, { token: carol.accessToken }));
      const ticket = await ticketFor(world, carol);
      const carolsByTicket = track(await stream(baseUrl, { ticket }));

      await createRequest(world, alice, bob, alice);
      const event = await bobs.next('notification');
      const [id] = (await notificationIds(world, bob.id)).slice(-1);
      expect(event.id).toBe(String(id));
      expect(event.data).toEqual(
        expect.objectContaining({ id, kind: 'relation_requested', read: false, read_at: null }),
      );
      await sleep(300);
      expect(carols.events).toEqual([]);
      expect(carolsByTicket.events).toEqual([]);
    });

    it('a chat message published for a user reaches each of their streams, without an id', async () => {
      const first = track(await stream(baseUrl, { token: bob.accessToken }));
      const second = track(await stream(baseUrl, { ticket: await ticketFor(world, bob) }));
      const others = track(await stream(baseUrl, { token: alice.accessToken }));
      const view = { id: 1, relation_id: 2, author_id: alice.id, sent_by_me: false, body: 'hello' };
      await world.test.app.get(LiveBus).publish({ userId: bob.id, type: 'chat_message', data: view });
      for (const client of [first, second]) {
        const event = await client.next('chat_message');
        expect(event).toEqual({ event: 'chat_message', data: view, at: expect.any(Number) });
        expect(client.raw).toContain(`event: chat_message\ndata: ${JSON.stringify(view)}\n\n`);
      }
      await sleep(200);
      expect(others.events).toEqual([]);
    });

    it('a stream resumed with Last-Event-ID (or last_event_id) first gets the notifications it missed', async () => {
      const [dave, erin] = await createMembers(world, 2);
      await createRequest(world, dave, carol, dave);
      const [before] = await eventually(async () => {
        const ids = await notificationIds(world, carol.id);
        return ids.length >= 1 ? ids.slice(-1) : null;
      });
      await createRequest(world, erin, carol, erin);
      const missed = await eventually(async () => {
        const ids = (await notificationIds(world, carol.id)).filter((id) => id > before);
        return ids.length >= 1 ? ids : null;
      });

      const resumed = track(await stream(baseUrl, { token: carol.accessToken, lastEventId: String(before) }));
      await eventually(() => resumed.ofType('notification').length >= missed.length);
      expect(resumed.ofType('notification').map((event) => event.id)).toEqual(missed.map(String));
      expect(resumed.ofType('notification')[0].data).toEqual(
        expect.objectContaining({ id: missed[0], kind: 'relation_requested' }),
      );

      const ticket = await ticketFor(world, carol);
      const byQuery = track(await stream(baseUrl, { query: `ticket=${ticket}&last_event_id=${before}` }));
      await eventually(() => byQuery.ofType('notification').length >= missed.length);
      expect(byQuery.ofType('notification').map((event) => event.id)).toEqual(missed.map(String));

      // Nothing to replay after the newest, and a malformed id replays nothing.
      const current = track(await stream(baseUrl, { token: carol.accessToken, lastEventId: String(missed.at(-1)) }));
      const malformed = track(await stream(baseUrl, { token: carol.accessToken, lastEventId: 'abc' }));
      await sleep(300);
      expect(current.events).toEqual([]);
      expect(malformed.events).toEqual([]);
    });
  });

  describe('when the session ends', () => {
    it("POST /logout ends that session's streams (header and ticket) with a last session_revoked event", async () => {
      const session = await login(world.test, alice.username, alice.password);
      const byHeader = track(await stream(baseUrl, { token: session.accessToken }));
      const byTicket = track(await stream(baseUrl, { ticket: await ticketFor(world, session) }));
      const otherSession = track(await stream(baseUrl, { token: alice.accessToken }));

      expect((await call(world, session, 'POST', '/logout')).statusCode).toBe(200);
      for (const client of [byHeader, byTicket]) {
        await client.end();
        expect(client.ofType('session_revoked')).toEqual([
          { event: 'session_revoked', data: {}, at: expect.any(Number) },
        ]);
      }
      await sleep(200);
      expect(otherSession.ended).toBe(false);
      expect(await refusal(baseUrl, { token: session.accessToken })).toEqual({
        status: 401,
        body: { message: REVOKED },
      });
    });

    it("a password change ends the streams of the member's other sessions, not the caller's", async () => {
      const member = await createMember(world);
      const other = await login(world.test, member.username, member.password);
      const mine = track(await stream(baseUrl, { token: member.accessToken }));
      const theirs = track(await stream(baseUrl, { token: other.accessToken }));
      const response = await call(world, member, 'PUT', '/user/change_password', {
        current_password: member.password,
        new_password: 'Another_pass_456',
      });
      expect(response.statusCode).toBe(201);
      await theirs.end();
      expect(theirs.ofType('session_revoked')).toHaveLength(1);
      await sleep(300);
      expect(mine.ended).toBe(false);
    });

    it('deleting the account ends all its streams', async () => {
      const member = await createMember(world);
      const other = await login(world.test, member.username, member.password);
      const clients = [
        track(await stream(baseUrl, { token: member.accessToken })),
        track(await stream(baseUrl, { token: other.accessToken })),
      ];
      expect((await call(world, member, 'DELETE', '/user')).statusCode).toBe(200);
      for (const client of clients) {
        await client.end();
        expect(client.ofType('session_revoked')).toHaveLength(1);
      }
    });

    it('app.close() ends the open streams instead of waiting for them', async () => {
      const extra = await startWorld(backend);
      let closing: Promise<void> | undefined;
      try {
        const url = await listen(extra.test);
        const member = await createMember(extra);
        const client = await stream(url, { token: member.accessToken });
        const started = Date.now();
        closing = extra.close();
        await client.end(2_000);
        await closing;
        process.stdout.write(`app.close() with an open stream (${backend}): ${Date.now() - started} ms\n`);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        if (!closing) await extra.close();
      }
    });
  });
});

describe('GET /events across two API processes on one PostgreSQL and one Redis', () => {
  const REDIS_URL = 'redis://127.0.0.1:6379/12';
  let world: World;
  let replica: TestApp;
  let urlA: string;
  let urlB: string;
  let sender: Member;
  let receiver: Member;
  let outsider: Member;
  const open: StreamClient[] = [];
  const track = (client: StreamClient) => (open.push(client), client);

  beforeAll(async () => {
    // Both processes share the prefix, as replicas of one deployment do; A relays, B only serves.
    const prefix = `live-${randomBytes(4).toString('hex')}`;
    world = await startWorld('postgresql', { REDIS_URL, QUEUE_PREFIX: prefix, RUN_BACKGROUND_JOBS: 'true' });
    replica = await world.startReplica({ RUN_BACKGROUND_JOBS: 'false' });
    urlA = await listen(world.test);
    urlB = await listen(replica);
    [sender, receiver, outsider] = await createMembers(world, 3);
  });

  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  afterAll(async () => {
    await world?.close();
  });

  it("a request sent through A reaches the receiver's stream on B within 1 s; a third party's stream on B sees nothing", async () => {
    const onB = track(await stream(urlB, { token: receiver.accessToken }));
    const outsiderOnB = track(await stream(urlB, { token: outsider.accessToken }));
    const outsiderOnA = track(await stream(urlA, { token: outsider.accessToken }));

    const response = await fetch(`${urlA}/mentorship_relation/send_request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(sender.accessToken) },
      body: JSON.stringify({
        mentor_id: receiver.id,
        mentee_id: sender.id,
        end_date: Date.now() / 1000 + 8 * 7 * 86_400,
        notes: 'Please mentor me',
      }),
    });
    const answeredAt = Date.now();
    expect(response.status).toBe(201);
    const event = await onB.next('notification', 0, 3_000);
    const delay = event.at - answeredAt;
    process.stdout.write(`live delivery across processes: ${delay} ms from the 201 on A to the event on B\n`);
    expect(delay).toBeLessThan(1_000);
    expect(event.data).toEqual(expect.objectContaining({ kind: 'relation_requested' }));
    await sleep(300);
    expect(outsiderOnB.events).toEqual([]);
    expect(outsiderOnA.events).toEqual([]);
  });

  it('a message published on A reaches every stream of the user on A and B once', async () => {
    const onA = track(await stream(urlA, { token: receiver.accessToken }));
    const onB = track(await stream(urlB, { token: receiver.accessToken }));
    const data = { id: 99, body: 'across' };
    const sentAt = Date.now();
    await world.test.app.get(LiveBus).publish({ userId: receiver.id, type: 'chat_message', data });
    const [a, b] = await Promise.all([onA.next('chat_message'), onB.next('chat_message')]);
    expect([a.data, b.data]).toEqual([data, data]);
    expect(b.at - sentAt).toBeLessThan(1_000);
    await sleep(300);
    expect(onA.ofType('chat_message')).toHaveLength(1);
    expect(onB.ofType('chat_message')).toHaveLength(1);
  });

  it('a ticket issued on A opens a stream on B, once; a logout on A ends the stream on B', async () => {
    const session = await login(world.test, receiver.username, receiver.password);
    const ticket = await ticketFor(world, session);
    const onB = track(await stream(urlB, { ticket }));
    expect(await refusal(urlA, { ticket })).toEqual({ status: 401, body: { message: TICKET_INVALID } });

    expect((await call(world, session, 'POST', '/logout')).statusCode).toBe(200);
    await onB.end();
    expect(onB.ofType('session_revoked')).toHaveLength(1);
  });
});

describe('the Redis LiveBus while Redis cannot be reached', () => {
  it('still delivers to this process at once, never throws, and gives up on Redis within its timeouts', async () => {
    // Nothing listens on port 1: every connection attempt is refused.
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    redis.on('error', () => undefined);
    const bus = new RedisLiveBus(redis, new InProcessLiveBus(), `live-down-${randomBytes(3).toString('hex')}`);
    try {
      const received: LiveMessage[] = [];
      const unsubscribe = bus.subscribe(7, (message) => received.push(message));
      const started = Date.now();
      await bus.whenSubscribed(7);
      const message: LiveMessage = { userId: 7, type: 'chat_message', data: { body: 'still here' } };
      await expect(bus.publish(message)).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(received).toEqual([message]);
      unsubscribe();
      await expect(bus.publish({ ...message, userId: 8 })).resolves.toBeUndefined();
    } finally {
      bus.onModuleDestroy();
      redis.disconnect();
    }
  });
});
