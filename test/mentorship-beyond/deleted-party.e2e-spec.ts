/**
 * Beyond the reference (§4.8: "No cascade or anonymization of relations", issue #934): when a user
 * deletes the account, the other party of the ACCEPTED relation is freed (the relation becomes
 * CANCELLED and shows the anonymised account), PENDING requests with the deleted user are dropped,
 * and every listing of the other party keeps answering.
 */
import { eventually } from '../support/app';
import { bearer } from '../support/accounts';
import { query } from '../support/database';
import {
  act,
  activeMembers,
  countMails,
  createMember,
  createMembers,
  createRequest,
  type Env,
  expectMessage,
  getAs,
  type Member,
  MSG,
  relationRow,
  sleep,
  startEnv,
  STATE,
  statusAndBody,
  SUBJECT,
} from './support';

interface RelationItem {
  id: number;
  state: number;
  mentor: { id: number; name: string | null };
  mentee: { id: number; name: string | null };
}

describe('a party of a relation deletes the account', () => {
  let env: Env;
  let a: Member; // the mentor who deletes the account
  let b: Member; // A's mentee, in an ACCEPTED relation
  let c: Member; // sent A a request that is still PENDING
  let d: Member; // someone B turns to afterwards
  let accepted: number;
  let pending: number;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the admin, so A is not the only one and may delete the account
    [a, b, c, d] = await createMembers(env, 4);
    // C's request first: once A is in an ACCEPTED relation nobody can send A one.
    pending = await createRequest(env, c, a, c);
    accepted = await createRequest(env, b, a, b);
    await act(env, a, accepted, 'accept');
    const response = await env.test.app.inject({ method: 'DELETE', url: '/user', headers: bearer(a.accessToken) });
    expectMessage(response, 200, MSG.userDeleted);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('eventually the A–B relation is CANCELLED (4) and C’s pending request is gone', async () => {
    await eventually(async () => (await relationRow(env.db, accepted))?.state === STATE.CANCELLED);
    await eventually(async () => (await relationRow(env.db, pending)) === undefined);
  });

  it('every listing of B answers 200', async () => {
    await eventually(async () => (await relationRow(env.db, accepted))?.state === STATE.CANCELLED);
    for (const url of [
      '/mentorship_relations',
      '/mentorship_relations/current',
      '/mentorship_relations/past',
      '/mentorship_relations/pending',
      '/dashboard',
      '/home',
    ]) {
      const response = await getAs(env.test, b, url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    }
  });

  it('GET /mentorship_relations of B shows the relation CANCELLED, with a null name for A', async () => {
    const relations = await eventually(async () => {
      const response = await getAs(env.test, b, '/mentorship_relations');
      const items = response.json() as RelationItem[];
      return items.find((item) => item.id === accepted)?.state === STATE.CANCELLED ? items : undefined;
    });
    expect(relations.map(({ id, state, mentor, mentee }) => ({ id, state, mentor, mentee }))).toEqual([
      { id: accepted, state: STATE.CANCELLED, mentor: { id: a.id, name: null }, mentee: { id: b.id, name: b.name } },
    ]);
  });

  it('GET /mentorship_relations/current of B: "not in a current relation"; /pending of B and C: []', async () => {
    await eventually(async () => (await relationRow(env.db, accepted))?.state === STATE.CANCELLED);
    expect(statusAndBody(await getAs(env.test, b, '/mentorship_relations/current'))).toEqual({
      status: 200,
      body: { message: MSG.noCurrent },
    });
    await eventually(async () => (await relationRow(env.db, pending)) === undefined);
    for (const user of [b, c]) {
      expect(statusAndBody(await getAs(env.test, user, '/mentorship_relations/pending'))).toEqual({
        status: 200,
        body: [],
      });
    }
  });

  it('GET /home of B counts one cancelled relation and nothing accepted', async () => {
    await eventually(async () => (await relationRow(env.db, accepted))?.state === STATE.CANCELLED);
    const response = await getAs(env.test, b, '/home');
    expect(statusAndBody(response)).toEqual({
      status: 200,
      body: expect.objectContaining({ accepted_requests: 0, cancelled_relations: 1, pending_requests: 0 }),
    });
  });

  it('B receives "Your mentorship relation was cancelled" once', async () => {
    await env.sink.waitFor(b.email, SUBJECT.cancelled);
    await sleep(1_500);
    expect(countMails(env.sink, b.email, SUBJECT.cancelled)).toBe(1);
  });

  it('B is free again: not in active_mentorships, and a new request to D is sent (201) and accepted (200)', async () => {
    await eventually(async () => (await relationRow(env.db, accepted))?.state === STATE.CANCELLED);
    expect((await activeMembers(env.db)).filter((row) => [a.id, b.id].includes(row.user_id))).toEqual([]);
    const id = await createRequest(env, b, d, b);
    const response = await env.test.app.inject({
      method: 'PUT',
      url: `/mentorship_relation/${id}/accept`,
      headers: bearer(d.accessToken),
    });
    expectMessage(response, 200, MSG.accepted);
    const [row] = await query<{ state: number }>(env.db.url, 'select state from mentorship_relations where id = $1', [
      id,
    ]);
    expect(row.state).toBe(STATE.ACCEPTED);
  });
});
