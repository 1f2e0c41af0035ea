/**
 * Rules beyond the reference: no duplicate PENDING requests (#866), accept_date and start_date set
 * on accept (the reference leaves them null), and an expired request cannot be accepted.
 */
import { query } from '../support/database';
import {
  act,
  createMember,
  createMembers,
  createRequest,
  type Env,
  expectMessage,
  getAs,
  type Member,
  MSG,
  nowSeconds,
  putRelation,
  requestBody,
  sendRequest,
  startEnv,
  STATE,
  stateOf,
} from './support';

interface RelationItem {
  id: number;
  state: number;
  accept_date: number | null;
  start_date: number | null;
}

describe('mentorship rules beyond the reference', () => {
  let env: Env;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the admin
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  describe('duplicate PENDING requests', () => {
    let mentor: Member;
    let mentee: Member;
    let first: number;

    beforeAll(async () => {
      [mentor, mentee] = await createMembers(env, 2); // both flags: either may take either role
      first = await createRequest(env, mentee, mentor, mentee);
    }, 60_000);

    it('the same sender, same mentor and mentee again: 409 "A pending mentorship request between these users already exists."', async () => {
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 409, MSG.alreadyPending);
    });

    it('the other party sending the same-roles request: 409 too', async () => {
      expectMessage(await sendRequest(env.test, mentor, requestBody(mentor, mentee)), 409, MSG.alreadyPending);
    });

    it('only one PENDING row exists for the pair', async () => {
      const rows = await query<{ id: number }>(
        env.db.url,
        'select id from mentorship_relations where mentor_id = $1 and mentee_id = $2 and state = 1',
        [mentor.id, mentee.id],
      );
      expect(rows).toEqual([{ id: first }]);
    });

    it('the roles swapped is another request: 201', async () => {
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentee, mentor)), 201, MSG.sent);
    });

    it('after the first is rejected, the same request works again: 201', async () => {
      await act(env, mentor, first, 'reject');
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 201, MSG.sent);
      const rows = await query<{ state: number }>(
        env.db.url,
        'select state from mentorship_relations where mentor_id = $1 and mentee_id = $2 order by id',
        [mentor.id, mentee.id],
      );
      expect(rows.map((row) => row.state)).toEqual([STATE.REJECTED, STATE.PENDING]);
    });

    it('10 identical requests at once: exactly one 201, the others 409', async () => {
      const [m1, m2] = await createMembers(env, 2);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => sendRequest(env.test, m2, requestBody(m1, m2))),
      );
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    });
  });

  describe('accept sets accept_date and start_date', () => {
    it('both are numbers, equal to each other, within a few seconds of now, in GET /mentorship_relations', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentee, mentor, mentee);
      const before = nowSeconds();
      expectMessage(await putRelation(env.test, mentor, id, 'accept'), 200, MSG.accepted);
      const after = nowSeconds();
      for (const viewer of [mentor, mentee]) {
        const response = await getAs(env.test, viewer, '/mentorship_relations');
        expect(response.statusCode).toBe(200);
        const item = (response.json() as RelationItem[]).find((relation) => relation.id === id)!;
        expect(item).toEqual(
          expect.objectContaining({
            state: STATE.ACCEPTED,
            accept_date: expect.any(Number),
            start_date: expect.any(Number),
          }),
        );
        expect(item.start_date).toBe(item.accept_date);
        expect(item.accept_date!).toBeGreaterThanOrEqual(before - 5);
        expect(item.accept_date!).toBeLessThanOrEqual(after + 5);
      }
    });

    it('a PENDING request has both null', async () => {
      const [mentor, mentee] = await createMembers(env, 2);
      const id = await createRequest(env, mentee, mentor, mentee);
      const response = await getAs(env.test, mentor, '/mentorship_relations/pending');
      const item = (response.json() as RelationItem[]).find((relation) => relation.id === id)!;
      expect({ accept_date: item.accept_date, start_date: item.start_date }).toEqual({
        accept_date: null,
        start_date: null,
      });
    });
  });

  describe('an expired PENDING request (its end date has passed)', () => {
    let mentor: Member;
    let mentee: Member;
    let id: number;

    beforeAll(async () => {
      [mentor, mentee] = await createMembers(env, 2);
      id = await createRequest(env, mentee, mentor, mentee);
      await query(env.db.url, 'update mentorship_relations set end_date = $1 where id = $2', [nowSeconds() - 60, id]);
    }, 60_000);

    it('accept: 403 "This mentorship relation request has expired." and it stays PENDING', async () => {
      expectMessage(await putRelation(env.test, mentor, id, 'accept'), 403, MSG.expired);
      expect(await stateOf(env.db, id)).toBe(STATE.PENDING);
    });

    it('it is listed in /past and not in /pending, for both parties', async () => {
      for (const viewer of [mentor, mentee]) {
        const past = await getAs(env.test, viewer, '/mentorship_relations/past');
        const pendingList = await getAs(env.test, viewer, '/mentorship_relations/pending');
        expect({
          past: (past.json() as RelationItem[]).map((relation) => relation.id),
          pending: (pendingList.json() as RelationItem[]).map((relation) => relation.id),
        }).toEqual({ past: [id], pending: [] });
      }
    });

    it('it no longer blocks a new identical request: 201', async () => {
      expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    });
  });
});
