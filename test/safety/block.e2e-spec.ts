/**
 * Block (beyond the reference, anitab #709): POST /users/{id}/block, DELETE /users/{id}/block,
 * GET /user/blocks. A blocked pair do not see each other in the directory (X-Total-Count follows)
 * nor on GET /users/{id} (404 both ways), cannot send each other requests (403), and the PENDING
 * requests between them are withdrawn when the block is made: a request the blocker had sent is
 * withdrawn as by its sender (the receiver gets the usual email), one the blocked member had sent
 * disappears without an email. An ACCEPTED relation stays; the blocker is told how to cancel it.
 * Only the blocker lifts a block. Every block and unblock is audited.
 */
import { eventually } from '../support/app';
import {
  BACKENDS,
  call,
  countMails,
  createAccepted,
  createMember,
  createMembers,
  createRequest,
  expectMessage,
  type Member,
  nowSeconds,
  sleep,
  startWorld,
  STATE,
  statusAndBody,
  WEEK,
  type World,
} from '../relation-life/support';

const TEXT = {
  blocked: 'User was blocked.',
  blockedInRelation: (id: number) =>
    `User was blocked. You are in a mentorship relation with this user; cancel it with PUT /mentorship_relation/${id}/cancel if you want it to end.`,
  unblocked: 'User was unblocked.',
  self: 'You cannot block yourself.',
  noBlock: 'You have not blocked this user.',
  noUser: 'User does not exist.',
  cannotRequest: 'You cannot send a mentorship request to this user.',
};
const WITHDRAWN = 'Mentorship System - A relation request was withdrawn';
/** The directory's order (by id) of some members. */
const byId = (...members: Member[]) => members.map((m) => m.id).sort((x, y) => x - y);

describe.each(BACKENDS)('Block (%s)', (backend) => {
  let world: World;
  // a blocks b; c is a bystander; c and d are in an ACCEPTED relation, and d blocks c.
  let a: Member, b: Member, c: Member, d: Member;
  let fromA: number, fromB: number, aToC: number, accepted: number;

  const block = (by: Member, id: number | string) => call(world, by, 'POST', `/users/${id}/block`);
  const unblock = (by: Member, id: number | string) => call(world, by, 'DELETE', `/users/${id}/block`);
  const directory = async (by: Member, path: '/users' | '/users/verified') => {
    const response = await call(world, by, 'GET', path);
    expect(response.statusCode).toBe(200);
    return {
      ids: (response.json() as Array<{ id: number }>).map((user) => user.id),
      total: response.headers['x-total-count'],
    };
  };
  const sendRequest = (by: Member, mentor: Member, mentee: Member) =>
    call(world, by, 'POST', '/mentorship_relation/send_request', {
      mentor_id: mentor.id,
      mentee_id: mentee.id,
      end_date: nowSeconds() + 8 * WEEK,
      notes: 'Please mentor me',
    });
  const relationIds = async (ids: number[]) =>
    (
      await world.sql<{ id: number }>(
        `select "id" from "mentorship_relations" where "id" in (${ids.map(() => '?').join(', ')}) order by "id"`,
        ids,
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    world = await startWorld(backend);
    [a, b, c, d] = await createMembers(world, 4);
    fromA = await createRequest(world, a, b, a); // a asks b to mentor them
    fromB = await createRequest(world, b, a, b); // b asks a to mentor them
    aToC = await createRequest(world, a, c, a);
    accepted = await createAccepted(world, c, d);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it('needs a token on every route (401)', async () => {
    for (const [method, url] of [
      ['POST', `/users/${b.id}/block`],
      ['DELETE', `/users/${b.id}/block`],
      ['GET', '/user/blocks'],
    ] as const) {
      expectMessage(await call(world, null, method, url), 401, 'The authorization token is missing!');
    }
  });

  it('refuses to block yourself (400) and unknown or deleted users (404)', async () => {
    expectMessage(await block(a, a.id), 400, TEXT.self);
    expectMessage(await block(a, 999_999), 404, TEXT.noUser);
    const gone = await createMember(world);
    expect((await call(world, gone, 'DELETE', '/user')).statusCode).toBe(200);
    expectMessage(await block(a, gone.id), 404, TEXT.noUser);
    expect(statusAndBody(await call(world, a, 'GET', '/user/blocks'))).toEqual({ status: 200, body: [] });
  });

  it('blocks (201), withdraws the pending requests between the pair both ways, and is idempotent (200)', async () => {
    expect(statusAndBody(await block(a, b.id))).toEqual({
      status: 201,
      body: { message: TEXT.blocked, accepted_relation_id: null },
    });
    // Both requests between a and b go; a's request to c stays.
    await eventually(async () => (await relationIds([fromA, fromB])).length === 0);
    expect(await relationIds([fromA, fromB, aToC])).toEqual([aToC]);
    // The request a (the blocker) had sent: b hears it was withdrawn, as if a had deleted it. The one
    // b had sent just disappears: nobody is emailed about it.
    await eventually(() => countMails(world.sink, b.email, WITHDRAWN) === 1);
    await sleep(1_000);
    expect(countMails(world.sink, b.email, WITHDRAWN)).toBe(1);
    expect(countMails(world.sink, a.email, WITHDRAWN)).toBe(0);
    const mail = world.sink.messages.find((m) => m.to.includes(b.email) && m.subject === WITHDRAWN)!;
    expect(JSON.stringify(mail)).not.toMatch(/block/i);
    // The in-app feed says the same: b sees a plain withdrawal by a; a (the blocker) sees nothing.
    const feed = async (user: Member) =>
      (
        (await call(world, user, 'GET', '/notifications?limit=100')).json() as {
          notifications: Array<{ kind: string; data: unknown }>;
        }
      ).notifications
        .filter((n) => n.kind === 'relation_request_withdrawn')
        .map((n) => n.data);
    expect(await feed(b)).toEqual([{ relation_id: fromA, other_user_id: a.id, reason: 'deleted_by_sender' }]);
    expect(await feed(a)).toEqual([]);

    expect(statusAndBody(await block(a, b.id))).toEqual({
      status: 200,
      body: { message: TEXT.blocked, accepted_relation_id: null },
    });
  });

  it("lists the caller's blocks only (GET /user/blocks)", async () => {
    const response = await call(world, a, 'GET', '/user/blocks');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([{ id: b.id, username: b.username, name: b.name, blocked_at: expect.any(Number) }]);
    const blockedAt = (response.json() as Array<{ blocked_at: number }>)[0].blocked_at;
    expect(Math.abs(blockedAt - nowSeconds())).toBeLessThan(120);
    expect(statusAndBody(await call(world, b, 'GET', '/user/blocks'))).toEqual({ status: 200, body: [] });
  });

  it('hides the pair from each other in the directory, both ways, with X-Total-Count', async () => {
    for (const path of ['/users', '/users/verified'] as const) {
      expect(await directory(a, path)).toEqual({ ids: byId(c, d), total: '2' });
      expect(await directory(b, path)).toEqual({ ids: byId(c, d), total: '2' });
      expect(await directory(c, path)).toEqual({ ids: byId(a, b, d), total: '3' });
    }
  });

  it('answers GET /users/{id} with 404 on both sides, and normally to others', async () => {
    expectMessage(await call(world, a, 'GET', `/users/${b.id}`), 404, TEXT.noUser);
    expectMessage(await call(world, b, 'GET', `/users/${a.id}`), 404, TEXT.noUser);
    const seen = await call(world, c, 'GET', `/users/${b.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id: b.id, username: b.username });
  });

  it('refuses send_request between the pair in every direction (403)', async () => {
    expectMessage(await sendRequest(a, b, a), 403, TEXT.cannotRequest);
    expectMessage(await sendRequest(a, a, b), 403, TEXT.cannotRequest);
    expectMessage(await sendRequest(b, b, a), 403, TEXT.cannotRequest);
    expectMessage(await sendRequest(b, a, b), 403, TEXT.cannotRequest);
    // The reference's checks keep their precedence: a missing field is still 400 first.
    expectMessage(
      await call(world, b, 'POST', '/mentorship_relation/send_request', { mentor_id: a.id }),
      400,
      'Mentee ID field is missing.',
    );
  });

  it('lets only the blocker lift a block: 404 for anyone else, and the block stays', async () => {
    expectMessage(await unblock(b, a.id), 404, TEXT.noBlock); // b is the blocked side
    expectMessage(await unblock(c, b.id), 404, TEXT.noBlock); // c never blocked b
    expectMessage(await unblock(c, a.id), 404, TEXT.noBlock);
    expectMessage(await call(world, a, 'GET', `/users/${b.id}`), 404, TEXT.noUser);
    expect(((await call(world, a, 'GET', '/user/blocks')).json() as unknown[]).length).toBe(1);

    expect(statusAndBody(await unblock(a, b.id))).toEqual({ status: 200, body: { message: TEXT.unblocked } });
    expectMessage(await unblock(a, b.id), 404, TEXT.noBlock);
    expect(statusAndBody(await call(world, a, 'GET', '/user/blocks'))).toEqual({ status: 200, body: [] });
    expect((await call(world, a, 'GET', `/users/${b.id}`)).statusCode).toBe(200);
    expect((await call(world, b, 'GET', `/users/${a.id}`)).statusCode).toBe(200);
    expect(await directory(a, '/users')).toEqual({ ids: byId(b, c, d), total: '3' });
    expect((await sendRequest(b, b, a)).statusCode).toBe(201);
  });

  it('leaves an ACCEPTED relation as it is and tells the blocker how to cancel it', async () => {
    expect(statusAndBody(await block(d, c.id))).toEqual({
      status: 201,
      body: { message: TEXT.blockedInRelation(accepted), accepted_relation_id: accepted },
    });
    await sleep(1_000);
    const [row] = await world.sql<{ state: number }>(`select "state" from "mentorship_relations" where "id" = ?`, [
      accepted,
    ]);
    expect(row.state).toBe(STATE.ACCEPTED);
    expect(statusAndBody(await block(c, d.id))).toEqual({
      status: 201,
      body: { message: TEXT.blockedInRelation(accepted), accepted_relation_id: accepted },
    });
  });

  it('audits every block, unblock and withdrawal', async () => {
    const audit = () =>
      world.sql<{ action: string; actor_id: number | null; target_id: string | null; details: unknown }>(
        `select "action", "actor_id", "target_id", "details" from "audit_log"
          where "action" in ('accounts.user_blocked', 'accounts.user_unblocked', 'mentorship.relation_request_withdrawn')
          order by "id"`,
      );
    const rows = await eventually(async () => {
      const found = await audit();
      return found.length >= 6 ? found : null;
    });
    const parse = (details: unknown) => (typeof details === 'string' ? JSON.parse(details) : details);
    const simplified = rows.map((row) => ({ ...row, details: parse(row.details) }));
    expect(simplified.filter((row) => row.action !== 'mentorship.relation_request_withdrawn')).toEqual([
      { action: 'accounts.user_blocked', actor_id: a.id, target_id: String(b.id), details: { blockerId: a.id } },
      { action: 'accounts.user_unblocked', actor_id: a.id, target_id: String(b.id), details: { blockerId: a.id } },
      { action: 'accounts.user_blocked', actor_id: d.id, target_id: String(c.id), details: { blockerId: d.id } },
      { action: 'accounts.user_blocked', actor_id: c.id, target_id: String(d.id), details: { blockerId: c.id } },
    ]);
    expect(
      simplified
        .filter((row) => row.action === 'mentorship.relation_request_withdrawn')
        .map((row) => ({
          actor: row.actor_id,
          target: row.target_id,
          reason: (row.details as { reason: string }).reason,
        }))
        .sort((x, y) => Number(x.target) - Number(y.target)),
    ).toEqual([
      { actor: a.id, target: String(fromA), reason: 'blocked' },
      { actor: a.id, target: String(fromB), reason: 'blocked' },
    ]);
  });

  it('refuses to accept a request between a blocked pair that is still pending (403)', async () => {
    // The block row alone, as in the moment before its outbox reaction withdraws the request.
    const [e, f] = await createMembers(world, 2);
    const waiting = await createRequest(world, e, f, e);
    await world.sql(`insert into "user_blocks" ("blocker_id", "blocked_id", "created_at") values (?, ?, ?)`, [
      e.id,
      f.id,
      nowSeconds(),
    ]);
    expectMessage(
      await call(world, f, 'PUT', `/mentorship_relation/${waiting}/accept`),
      403,
      'You cannot accept a mentorship request from this user.',
    );
    const [row] = await world.sql<{ state: number }>(`select "state" from "mentorship_relations" where "id" = ?`, [
      waiting,
    ]);
    expect(row.state).toBe(STATE.PENDING);
  });
});
