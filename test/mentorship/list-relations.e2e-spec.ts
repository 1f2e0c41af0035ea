/**
 * GET /mentorship_relations (with relation_state), /past, /current and /pending (reference §2.3
 * #19, #24–26; tests/mentorship_relation/test_api_list_relations.py, test_dao_listing.py,
 * test_dao_list_relations.py).
 *
 * One subject, U, with a relation in every state, on both sides, sent and received:
 *   mentor side: completed (U accepted, end date past), past pending (U sent, end date moved into
 *                the past), pending U sent
 *   mentee side: cancelled (U sent, U cancelled), pending received, rejected (U rejected),
 *                accepted (U sent, R accepted)
 */
import { itRejectsMissingExpiredAndInvalidTokens } from '../support/accounts';
import {
  act,
  createAccepted,
  createCancelled,
  createCompleted,
  createMembers,
  createRequest,
  deletedUserToken,
  expectedRelation,
  expectMessage,
  expireRelation,
  getAs,
  listAs,
  MSG,
  RELATION_KEYS,
  relationRows,
  startMentorshipEnv,
  STATE,
  statusAndBody,
  type Member,
  type MentorshipEnv,
  type RelationRow,
} from './support';

describe('listing mentorship relations', () => {
  let env: MentorshipEnv;
  let people: Member[];
  let U: Member;
  let P: Member;
  let Q: Member;
  let R: Member;
  let S: Member;
  let T: Member;
  let V: Member;
  let outsider: Member;
  const ids = {
    cancelled: 0,
    completed: 0,
    pastPending: 0,
    pendingReceived: 0,
    pendingSent: 0,
    rejected: 0,
    accepted: 0,
  };
  let acceptedBetween: [number, number];

  beforeAll(async () => {
    env = await startMentorshipEnv();
    people = await createMembers(env, 9);
    [U, P, Q, R, S, T, V, outsider] = people;

    ids.cancelled = await createCancelled(env, U, T, U, U);
    ids.completed = await createCompleted(env, V, U, V);
    ids.pastPending = await createRequest(env, U, U, P);
    await expireRelation(env.db, ids.pastPending);
    ids.pendingReceived = await createRequest(env, Q, Q, U);
    ids.pendingSent = await createRequest(env, U, U, Q);
    ids.rejected = await createRequest(env, S, S, U);
    await act(env, U, ids.rejected, 'reject');
    ids.accepted = await createRequest(env, U, R, U);
    const before = Date.now() / 1000;
    await act(env, R, ids.accepted, 'accept');
    acceptedBetween = [before, Date.now() / 1000];
  });

  afterAll(async () => {
    await env?.close();
  });

  const rows = (...list: number[]) => relationRows(env.db, list);
  const expectedFor = (viewer: Member, list: RelationRow[]) => list.map((row) => expectedRelation(row, viewer, people));
  const byId = (list: Array<Record<string, unknown>>) => [...list].sort((a, b) => (a.id as number) - (b.id as number));

  describe('GET /mentorship_relations', () => {
    it('every relation of the caller: the mentor side, then the mentee side, each by id', async () => {
      const list = await listAs(env.test, U);
      const expected = expectedFor(
        U,
        await rows(
          ids.completed,
          ids.pastPending,
          ids.pendingSent,
          ids.cancelled,
          ids.pendingReceived,
          ids.rejected,
          ids.accepted,
        ),
      );
      expect(list).toEqual(expected);
      for (const item of list) {
        expect(Object.keys(item).sort()).toEqual(RELATION_KEYS);
        expect(Object.keys(item.mentor as object).sort()).toEqual(['id', 'name']);
        expect(Object.keys(item.mentee as object).sort()).toEqual(['id', 'name']);
      }
    });

    it('states are integers 1–5; accept_date and start_date equal once accepted, null while pending', async () => {
      const list = await listAs(env.test, U);
      const state = (id: number) => list.find((item) => item.id === id)!;
      expect(state(ids.pendingSent)).toMatchObject({ state: STATE.PENDING, accept_date: null, start_date: null });
      expect(state(ids.pendingReceived)).toMatchObject({ state: STATE.PENDING, accept_date: null, start_date: null });
      expect(state(ids.rejected)).toMatchObject({ state: STATE.REJECTED, accept_date: null, start_date: null });
      expect(state(ids.cancelled).state).toBe(STATE.CANCELLED);
      expect(state(ids.completed).state).toBe(STATE.COMPLETED);
      const accepted = state(ids.accepted);
      expect(accepted.state).toBe(STATE.ACCEPTED);
      expect(accepted.accept_date).toEqual(expect.any(Number));
      expect(accepted.start_date).toBe(accepted.accept_date);
      expect(accepted.accept_date as number).toBeGreaterThanOrEqual(acceptedBetween[0] - 1);
      expect(accepted.accept_date as number).toBeLessThanOrEqual(acceptedBetween[1] + 1);
    });

    it('sent_by_me is true for what the caller sent and false for what they received', async () => {
      const list = await listAs(env.test, U);
      const sentByMe = Object.fromEntries(list.map((item) => [item.id, item.sent_by_me]));
      expect(sentByMe).toEqual({
        [ids.completed]: false,
        [ids.pastPending]: true,
        [ids.pendingSent]: true,
        [ids.cancelled]: true,
        [ids.pendingReceived]: false,
        [ids.rejected]: false,
        [ids.accepted]: true,
      });
    });

    it('the other party sees the same relations with sent_by_me flipped', async () => {
      expect(await listAs(env.test, Q)).toEqual(expectedFor(Q, await rows(ids.pendingReceived, ids.pendingSent)));
      expect(await listAs(env.test, R)).toEqual(expectedFor(R, await rows(ids.accepted)));
    });

    it('a user with a single relation (reference test_list_all_mentorship_relations)', async () => {
      const list = await listAs(env.test, S);
      expect(list).toEqual(expectedFor(S, await rows(ids.rejected)));
      expect(list[0].sent_by_me).toBe(true);
    });

    it('a user in no relation: []', async () => {
      expect(await listAs(env.test, outsider)).toEqual([]);
    });

    it.each(['', 'relation_state='])('?%s (no filter): every relation', async (queryString) => {
      const all = await listAs(env.test, U);
      expect(await listAs(env.test, U, `/mentorship_relations?${queryString}`)).toEqual(all);
    });

    it.each([
      ['pending', () => [ids.pastPending, ids.pendingSent, ids.pendingReceived]],
      ['accepted', () => [ids.accepted]],
      ['rejected', () => [ids.rejected]],
      ['cancelled', () => [ids.cancelled]],
      ['completed', () => [ids.completed]],
    ])('relation_state=%s: only those, mentor side first', async (state, expectedIds) => {
      const list = await listAs(env.test, U, `/mentorship_relations?relation_state=${state}`);
      expect(list).toEqual(expectedFor(U, await rows(...expectedIds())));
    });

    it.each(['PENDING', 'Pending', 'pEnDiNg'])('relation_state=%s: case-insensitive', async (state) => {
      const list = await listAs(env.test, U, `/mentorship_relations?relation_state=${state}`);
      expect(list).toEqual(expectedFor(U, await rows(ids.pastPending, ids.pendingSent, ids.pendingReceived)));
    });

    it('relation_state=ACCEPTED for the other party too', async () => {
      const list = await listAs(env.test, R, '/mentorship_relations?relation_state=ACCEPTED');
      expect(list).toEqual(expectedFor(R, await rows(ids.accepted)));
    });

    it('a state the caller has none of: []', async () => {
      expect(await listAs(env.test, Q, '/mentorship_relations?relation_state=accepted')).toEqual([]);
      expect(await listAs(env.test, outsider, '/mentorship_relations?relation_state=pending')).toEqual([]);
    });

    it.each(['invalid_param', 'PENDINGX', 'accept', '1', 'null'])(
      'relation_state=%s (not a state): 400 with body []',
      async (state) => {
        const response = await getAs(env.test, U, `/mentorship_relations?relation_state=${state}`);
        expect(statusAndBody(response)).toEqual({ status: 400, body: [] });
      },
    );

    it.each(['state=pending', 'foo', 'foo=bar&page=2'])(
      'query arguments without relation_state (?%s): 400 bad request',
      async (queryString) => {
        expectMessage(await getAs(env.test, U, `/mentorship_relations?${queryString}`), 400, MSG.badRequest);
      },
    );

    it('relation_state beside other arguments still filters', async () => {
      const list = await listAs(env.test, U, '/mentorship_relations?relation_state=rejected&foo=bar');
      expect(list).toEqual(expectedFor(U, await rows(ids.rejected)));
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/mentorship_relations' });
  });

  it.each([
    '/mentorship_relations',
    '/mentorship_relations?relation_state=pending',
    '/mentorship_relations/past',
    '/mentorship_relations/pending',
    '/mentorship_relations/current',
  ])('GET %s with a token of a deleted user: 404 "User does not exist." (reference guard)', async (url) => {
    const gone = await deletedUserToken(env);
    expectMessage(await getAs(env.test, gone, url), 404, MSG.userDoesNotExist);
  });

  describe('GET /mentorship_relations/past', () => {
    it('relations whose end date has passed, in any state (reference test_list_past_mentorship_relations)', async () => {
      const list = await listAs(env.test, U, '/mentorship_relations/past');
      expect(byId(list)).toEqual(expectedFor(U, await rows(...[ids.completed, ids.pastPending].sort((a, b) => a - b))));
    });

    it('the other party of the past pending request sees it too', async () => {
      expect(await listAs(env.test, P, '/mentorship_relations/past')).toEqual(
        expectedFor(P, await rows(ids.pastPending)),
      );
    });

    it('nothing past: []', async () => {
      expect(await listAs(env.test, Q, '/mentorship_relations/past')).toEqual([]);
      expect(await listAs(env.test, outsider, '/mentorship_relations/past')).toEqual([]);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/mentorship_relations/past' });
  });

  describe('GET /mentorship_relations/pending', () => {
    it('PENDING relations whose end date is ahead, sent and received (reference test_list_pending_…)', async () => {
      const list = await listAs(env.test, U, '/mentorship_relations/pending');
      expect(byId(list)).toEqual(expectedFor(U, await rows(ids.pendingReceived, ids.pendingSent)));
    });

    it('a pending request whose end date has passed is not pending any more', async () => {
      expect(await listAs(env.test, P, '/mentorship_relations/pending')).toEqual([]);
    });

    it('the other party sees both with sent_by_me flipped', async () => {
      const list = await listAs(env.test, Q, '/mentorship_relations/pending');
      expect(byId(list)).toEqual(expectedFor(Q, await rows(ids.pendingReceived, ids.pendingSent)));
    });

    it('nothing pending: []', async () => {
      expect(await listAs(env.test, R, '/mentorship_relations/pending')).toEqual([]);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/mentorship_relations/pending' });
  });

  describe('GET /mentorship_relations/current', () => {
    it('the ACCEPTED relation, as an object, sent_by_me true for the sender (reference …sent_by_another_user)', async () => {
      const response = await getAs(env.test, U, '/mentorship_relations/current');
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: expectedRelation((await rows(ids.accepted))[0], U, people),
      });
      expect(Object.keys(response.json()).sort()).toEqual(RELATION_KEYS);
      expect(response.json().sent_by_me).toBe(true);
    });

    it('the receiver sees the same relation with sent_by_me false (reference …sent_by_current_user)', async () => {
      const mine = (await getAs(env.test, U, '/mentorship_relations/current')).json();
      const response = await getAs(env.test, R, '/mentorship_relations/current');
      expect(statusAndBody(response)).toEqual({ status: 200, body: { ...mine, sent_by_me: false } });
    });

    it.each([
      ['no relation at all', () => outsider],
      ['only pending requests', () => Q],
      ['only a past pending request', () => P],
      ['only a rejected request', () => S],
      ['only a cancelled relation', () => T],
      ['only a completed relation', () => V],
    ])('%s: 200 with the message', async (_what, user) => {
      expectMessage(await getAs(env.test, user(), '/mentorship_relations/current'), 200, MSG.noCurrent);
    });

    it('after a cancellation: the message again', async () => {
      const [a, b] = await createMembers(env, 2);
      people.push(a, b);
      const id = await createAccepted(env, a, a, b);
      expect((await getAs(env.test, b, '/mentorship_relations/current')).json()).toMatchObject({ id });
      await act(env, b, id, 'cancel');
      expectMessage(await getAs(env.test, a, '/mentorship_relations/current'), 200, MSG.noCurrent);
      expectMessage(await getAs(env.test, b, '/mentorship_relations/current'), 200, MSG.noCurrent);
    });

    itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/mentorship_relations/current' });
  });
});
