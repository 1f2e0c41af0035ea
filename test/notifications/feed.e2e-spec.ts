/**
 * The in-app notifications feed (issue 13): every domain event that concerns a member becomes one
 * notification for each recipient, written by an outbox handler, idempotent per event and
 * recipient, published live once. GET /notifications pages them newest first; POST
 * /notifications/read marks some or all as read. Over real HTTP, on PostgreSQL and PGlite.
 */
import { LiveBus, type LiveMessage } from '@app/platform';
import { eventually } from '../support/app';
import { deleteOwnAccount } from '../support/accounts';
import {
  BACKENDS,
  call,
  createAccepted,
  createMembers,
  createRequest,
  expectMessage,
  type Member,
  nowSeconds,
  sleep,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

const MSG = {
  before: 'The before query parameter is invalid.',
  limit: 'The limit query parameter is invalid.',
  target: 'Give either ids or all: true (exactly one of them).',
  ids: 'ids must be an array of 1 to 500 notification ids (positive integers).',
  all: 'all must be true.',
  tokenMissing: 'The authorization token is missing!',
};

interface NotificationJson {
  id: number;
  kind: string;
  data: Record<string, unknown>;
  created_at: number;
  read_at: number | null;
  read: boolean;
}
interface PageJson {
  notifications: NotificationJson[];
  unread_count: number;
  next_before: number | null;
}

/** Lets the relay deliver anything else it would, before asserting "exactly". */
const settle = () => sleep(800);

describe.each(BACKENDS)('the notifications feed, on %s', (backend) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(backend);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  async function page(user: Member, query = ''): Promise<PageJson> {
    const response = await call(world, user, 'GET', `/notifications${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<PageJson>();
  }

  /** The member's notifications once there are `count` of them (newest first). */
  async function feedOf(user: Member, count: number): Promise<NotificationJson[]> {
    await eventually(async () => (await page(user, '?limit=100')).notifications.length >= count);
    await settle();
    return (await page(user, '?limit=100')).notifications;
  }

  const kinds = (notifications: NotificationJson[]) => notifications.map((n) => n.kind);
  const markRead = (user: Member, body: unknown) => call(world, user, 'POST', '/notifications/read', body);
  const addTask = async (user: Member, relationId: number, description: string) => {
    const response = await call(world, user, 'POST', `/mentorship_relation/${relationId}/task`, { description });
    expect(response.statusCode).toBe(201);
  };

  it('a request creates exactly one notification, for its receiver, with the relation and the sender', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const before = nowSeconds();
    const id = await createRequest(world, mentee, mentor, mentee);
    const [notification] = await feedOf(mentor, 1);
    const body = await page(mentor);
    expect(body).toEqual({
      notifications: [
        {
          id: expect.any(Number),
          kind: 'relation_requested',
          data: { relation_id: id, other_user_id: mentee.id, sender_role: 'mentee', end_date: expect.any(Number) },
          created_at: expect.any(Number),
          read_at: null,
          read: false,
        },
      ],
      unread_count: 1,
      next_before: null,
    });
    expect(notification.created_at).toBeGreaterThanOrEqual(before - 1);
    expect(notification.created_at).toBeLessThanOrEqual(nowSeconds() + 1);
    expect(await page(mentee)).toEqual({ notifications: [], unread_count: 0, next_before: null });
  });

  it('accept, tasks, a proposal and a cancellation each notify the other party once', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const id = await createAccepted(world, mentor, mentee);
    await feedOf(mentee, 1);
    await addTask(mentor, id, 'Read the style guide');
    const proposal = await call(world, mentee, 'POST', `/mentorship_relation/${id}/proposals`, { kind: 'complete' });
    expect(proposal.statusCode).toBe(201);
    await feedOf(mentor, 2);
    expect(statusAndBody(await call(world, mentor, 'PUT', `/mentorship_relation/${id}/cancel`)).status).toBe(200);

    const menteeFeed = await feedOf(mentee, 3);
    expect(kinds(menteeFeed)).toEqual(['relation_cancelled', 'task_created', 'relation_accepted']);
    expect(menteeFeed[0].data).toEqual({ relation_id: id, other_user_id: mentor.id, reason: 'cancelled_by_party' });
    expect(menteeFeed[1].data).toEqual({
      relation_id: id,
      task_id: 1,
      description: 'Read the style guide',
      other_user_id: mentor.id,
    });
    expect(menteeFeed[2].data).toEqual({ relation_id: id, other_user_id: mentor.id, end_date: expect.any(Number) });

    const mentorFeed = await feedOf(mentor, 2);
    expect(kinds(mentorFeed)).toEqual(['proposal_made', 'relation_requested']);
    expect(mentorFeed[0].data).toEqual({
      relation_id: id,
      proposal_id: proposal.json<{ id: number }>().id,
      proposal_kind: 'complete',
      end_date: null,
      other_user_id: mentee.id,
    });
  });

  it('a rejection notifies the sender; a password change notifies the member themselves', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const id = await createRequest(world, mentee, mentor, mentee);
    expect(statusAndBody(await call(world, mentor, 'PUT', `/mentorship_relation/${id}/reject`)).status).toBe(200);
    const changed = await call(world, mentee, 'PUT', '/user/change_password', {
      current_password: mentee.password,
      new_password: 'Other_pass_123',
    });
    expect(changed.statusCode).toBe(201);
    const feed = await feedOf(mentee, 2);
    expect(kinds(feed).sort()).toEqual(['password_changed', 'relation_rejected']);
    expect(feed.find((n) => n.kind === 'relation_rejected')!.data).toEqual({
      relation_id: id,
      other_user_id: mentor.id,
    });
    expect(feed.find((n) => n.kind === 'password_changed')!.data).toEqual({ via: 'change_password' });
  });

  it('a chat message notifies the other party, with the message id', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const id = await createAccepted(world, mentor, mentee);
    const posted = await call(world, mentee, 'POST', `/mentorship_relation/${id}/messages`, { body: 'Hello there' });
    expect(posted.statusCode).toBe(201);
    const feed = await feedOf(mentor, 2);
    expect(kinds(feed)).toEqual(['chat_message', 'relation_requested']);
    expect(feed[0].data).toEqual({
      relation_id: id,
      message_id: posted.json<{ id: number }>().id,
      other_user_id: mentee.id,
    });
    // The author is not notified of their own message.
    expect(kinds(await feedOf(mentee, 1))).toEqual(['relation_accepted']);
  });

  describe('paging and reading', () => {
    let mentor: Member;
    let mentee: Member;
    let all: NotificationJson[];

    beforeAll(async () => {
      [mentor, mentee] = await createMembers(world, 2);
      const id = await createAccepted(world, mentor, mentee);
      for (let n = 1; n <= 5; n += 1) await addTask(mentor, id, `task ${n}`);
      all = await feedOf(mentee, 6);
    });

    it('newest first, cursor paging with before/limit gives exact pages, the last with next_before null', async () => {
      expect(all).toHaveLength(6);
      const ids = all.map((n) => n.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      expect(kinds(all)).toEqual([...Array(5).fill('task_created'), 'relation_accepted']);
      expect(all.map((n) => n.data.description ?? null)).toEqual([
        'task 5',
        'task 4',
        'task 3',
        'task 2',
        'task 1',
        null,
      ]);

      const first = await page(mentee, '?limit=2');
      expect(first).toEqual({ notifications: all.slice(0, 2), unread_count: 6, next_before: ids[1] });
      const second = await page(mentee, `?limit=2&before=${first.next_before}`);
      expect(second).toEqual({ notifications: all.slice(2, 4), unread_count: 6, next_before: ids[3] });
      const third = await page(mentee, `?limit=2&before=${second.next_before}`);
      expect(third).toEqual({ notifications: all.slice(4, 6), unread_count: 6, next_before: null });
      expect(await page(mentee, `?before=${ids[5]}`)).toEqual({
        notifications: [],
        unread_count: 6,
        next_before: null,
      });
      // The default limit (20) holds them all.
      expect(await page(mentee)).toEqual({ notifications: all, unread_count: 6, next_before: null });
      expect((await page(mentee, '?limit=5')).next_before).toBe(ids[4]);
    });

    it.each([
      ['?limit=0', MSG.limit],
      ['?limit=101', MSG.limit],
      ['?limit=abc', MSG.limit],
      ['?limit=2.5', MSG.limit],
      ['?before=0', MSG.before],
      ['?before=-3', MSG.before],
      ['?before=x', MSG.before],
    ])('GET /notifications%s is 400 naming the parameter', async (query, text) => {
      expectMessage(await call(world, mentee, 'GET', `/notifications${query}`), 400, text);
    });

    it.each([
      ['neither ids nor all', {}, MSG.target],
      ['both ids and all', { ids: [1], all: true }, MSG.target],
      ['an empty ids', { ids: [] }, MSG.ids],
      ['a string id', { ids: ['1'] }, MSG.ids],
      ['id 0', { ids: [0] }, MSG.ids],
      ['a fractional id', { ids: [1.5] }, MSG.ids],
      ['ids not a list', { ids: 3 }, MSG.ids],
      ['501 ids', { ids: Array.from({ length: 501 }, (_, n) => n + 1) }, MSG.ids],
      ['all false', { all: false }, MSG.all],
      ['all a string', { all: 'yes' }, MSG.all],
    ])('POST /notifications/read with %s is 400', async (_label, body, text) => {
      expectMessage(await markRead(mentee, body), 400, text);
    });

    it('500 ids at once are accepted (ids that match nothing change nothing)', async () => {
      const ids = Array.from({ length: 500 }, (_, n) => 1_000_000_000 + n);
      expect(statusAndBody(await markRead(mentee, { ids }))).toEqual({ status: 200, body: { unread_count: 6 } });
    });

    it('needs a token', async () => {
      expectMessage(await call(world, null, 'GET', '/notifications'), 401, MSG.tokenMissing);
      expectMessage(await call(world, null, 'POST', '/notifications/read', { all: true }), 401, MSG.tokenMissing);
    });

    it('another member marking these ids changes nothing and tells nothing; the owner marks some, then all', async () => {
      const ids = all.map((n) => n.id);
      const before = nowSeconds();
      const otherBefore = (await page(mentor)).unread_count;
      expect(statusAndBody(await markRead(mentor, { ids }))).toEqual({
        status: 200,
        body: { unread_count: otherBefore },
      });
      expect((await page(mentee)).unread_count).toBe(6);

      expect(statusAndBody(await markRead(mentee, { ids: [ids[0], ids[2], 999_999_999] }))).toEqual({
        status: 200,
        body: { unread_count: 4 },
      });
      const afterSome = await page(mentee);
      expect(afterSome.unread_count).toBe(4);
      expect(afterSome.notifications.map((n) => n.read)).toEqual([true, false, true, false, false, false]);
      const readAt = afterSome.notifications[0].read_at!;
      expect(readAt).toBeGreaterThanOrEqual(before - 1);
      expect(readAt).toBeLessThanOrEqual(nowSeconds() + 1);
      expect(afterSome.notifications[1].read_at).toBeNull();

      // Marking again keeps the first time.
      expect(statusAndBody(await markRead(mentee, { ids: [ids[0]] })).body).toEqual({ unread_count: 4 });
      expect((await page(mentee)).notifications[0].read_at).toBe(readAt);

      expect(statusAndBody(await markRead(mentee, { all: true }))).toEqual({ status: 200, body: { unread_count: 0 } });
      const afterAll = await page(mentee);
      expect(afterAll.unread_count).toBe(0);
      expect(afterAll.notifications.every((n) => n.read && typeof n.read_at === 'number')).toBe(true);
      expect((await page(mentor)).unread_count).toBe(otherBefore);
    });
  });

  it('notifications are created once, and published live once, even when the relay redelivers an event', async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    const live: LiveMessage[] = [];
    const unsubscribe = world.test.app.get(LiveBus).subscribe(mentor.id, (message) => live.push(message));
    try {
      await createRequest(world, mentee, mentor, mentee);
      const [notification] = await feedOf(mentor, 1);
      expect(live.filter((m) => m.type === 'notification')).toEqual([
        { userId: mentor.id, type: 'notification', id: String(notification.id), data: notification },
      ]);
      const [row] = await world.sql<{ event_id: string }>(`select "event_id" from "notifications" where "id" = ?`, [
        notification.id,
      ]);
      // The relay delivers the event again, to every handler.
      await world.sql(
        `update "outbox" set "processed_at" = null, "delivered_to" = '[]', "locked_until" = null where "event_id" = ?`,
        [row.event_id],
      );
      await eventually(async () => {
        const [outbox] = await world.sql<{ processed_at: unknown }>(
          `select "processed_at" from "outbox" where "event_id" = ?`,
          [row.event_id],
        );
        return outbox.processed_at !== null;
      });
      await settle();
      const rows = await world.sql(`select "id" from "notifications" where "event_id" = ?`, [row.event_id]);
      expect(rows).toHaveLength(1);
      expect(live.filter((m) => m.type === 'notification')).toHaveLength(1);
      expect((await page(mentor)).notifications).toEqual([notification]);
    } finally {
      unsubscribe();
    }
  });

  it("a deleted account's notifications go with it; the other party keeps theirs", async () => {
    const [mentor, mentee] = await createMembers(world, 2);
    await createAccepted(world, mentor, mentee);
    await feedOf(mentee, 1);
    await feedOf(mentor, 1);
    await deleteOwnAccount(world.test, mentee);
    await eventually(async () => {
      const rows = await world.sql(`select "id" from "notifications" where "user_id" = ?`, [mentee.id]);
      return rows.length === 0;
    });
    // The mentor: the request, then the cancellation the deletion caused.
    expect(kinds(await feedOf(mentor, 2))).toEqual(['relation_cancelled', 'relation_requested']);
    await settle();
    expect(await world.sql(`select "id" from "notifications" where "user_id" = ?`, [mentee.id])).toEqual([]);
  });
});
