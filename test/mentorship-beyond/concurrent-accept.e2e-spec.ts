/**
 * Beyond the reference (§4.1: "There is no DB constraint, so races are possible"): however many
 * accepts race over real HTTP on PostgreSQL's connection pool, a user ends up in at most one
 * ACCEPTED relation. Each race fires its accepts at once with Promise.all against a listening server.
 */
import { query } from '../support/database';
import {
  activeMembers,
  createMember,
  createMembers,
  type Env,
  fetchJson,
  insertPending,
  listen,
  type Member,
  MSG,
  startEnv,
  STATE,
  tally,
} from './support';

/** How many requests race in each case (20+). */
const RACERS = 24;

describe('concurrent accepts', () => {
  let env: Env;
  let baseUrl: string;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the first user is the admin: keep it out of the races
    baseUrl = await listen(env.test);
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  const accept = (user: Member, id: number) =>
    fetchJson(baseUrl, 'PUT', `/mentorship_relation/${id}/accept`, user.accessToken);

  async function statesOf(ids: number[]): Promise<Map<number, number>> {
    const rows = await query<{ id: number; state: number }>(
      env.db.url,
      'select id, state from mentorship_relations where id = any($1)',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.state]));
  }

  describe(`one mentor accepts ${RACERS} requests from ${RACERS} mentees at once`, () => {
    let mentor: Member;
    let mentees: Member[];
    let ids: number[];
    let outcomes: Array<{ status: number; body: unknown }>;

    beforeAll(async () => {
      mentor = await createMember(env, { mentor: true });
      mentees = await createMembers(env, RACERS, { mentee: true });
      ids = [];
      for (const mentee of mentees) {
        ids.push(await insertPending(env.db, { mentorId: mentor.id, menteeId: mentee.id, actionUserId: mentee.id }));
      }
      outcomes = await Promise.all(ids.map((id) => accept(mentor, id)));
    }, 120_000);

    it(`exactly one 200 "accepted"; the other ${RACERS - 1} get 403 "You are currently involved in a mentorship relation."`, () => {
      expect(tally(outcomes)).toEqual({
        [`200 ${JSON.stringify({ message: MSG.accepted })}`]: 1,
        [`403 ${JSON.stringify({ message: MSG.callerInRelation })}`]: RACERS - 1,
      });
    });

    it('the database holds exactly one ACCEPTED relation for the mentor, the one that answered 200', async () => {
      const winner = ids[outcomes.findIndex((outcome) => outcome.status === 200)];
      const accepted = await query<{ id: number }>(
        env.db.url,
        'select id from mentorship_relations where mentor_id = $1 and state = $2',
        [mentor.id, STATE.ACCEPTED],
      );
      expect(accepted).toEqual([{ id: winner }]);
      const states = await statesOf(ids);
      expect(ids.filter((id) => id !== winner).map((id) => states.get(id))).toEqual(
        Array(RACERS - 1).fill(STATE.PENDING),
      );
    });

    it('active_mentorships holds exactly 2 rows for that relation: the mentor and the winning mentee', async () => {
      const winnerIndex = outcomes.findIndex((outcome) => outcome.status === 200);
      const winner = ids[winnerIndex];
      const involved = new Set([mentor.id, ...mentees.map((mentee) => mentee.id)]);
      const rows = (await activeMembers(env.db)).filter((row) => involved.has(row.user_id));
      expect(rows).toEqual(
        [
          { user_id: mentor.id, relation_id: winner },
          { user_id: mentees[winnerIndex].id, relation_id: winner },
        ].sort((a, b) => a.user_id - b.user_id),
      );
    });
  });

  describe(`one mentee accepts ${RACERS} requests from ${RACERS} mentors at once`, () => {
    let mentee: Member;
    let mentors: Member[];
    let ids: number[];
    let outcomes: Array<{ status: number; body: unknown }>;

    beforeAll(async () => {
      mentee = await createMember(env, { mentee: true });
      mentors = await createMembers(env, RACERS, { mentor: true });
      ids = [];
      for (const mentor of mentors) {
        ids.push(await insertPending(env.db, { mentorId: mentor.id, menteeId: mentee.id, actionUserId: mentor.id }));
      }
      outcomes = await Promise.all(ids.map((id) => accept(mentee, id)));
    }, 120_000);

    it(`exactly one 200 "accepted"; the other ${RACERS - 1} get 403 "You are currently involved in a mentorship relation."`, () => {
      expect(tally(outcomes)).toEqual({
        [`200 ${JSON.stringify({ message: MSG.accepted })}`]: 1,
        [`403 ${JSON.stringify({ message: MSG.callerInRelation })}`]: RACERS - 1,
      });
    });

    it('exactly one ACCEPTED relation for the mentee, and 2 rows in active_mentorships for it', async () => {
      const winnerIndex = outcomes.findIndex((outcome) => outcome.status === 200);
      const winner = ids[winnerIndex];
      const accepted = await query<{ id: number }>(
        env.db.url,
        'select id from mentorship_relations where mentee_id = $1 and state = $2',
        [mentee.id, STATE.ACCEPTED],
      );
      expect(accepted).toEqual([{ id: winner }]);
      const involved = new Set([mentee.id, ...mentors.map((mentor) => mentor.id)]);
      const rows = (await activeMembers(env.db)).filter((row) => involved.has(row.user_id));
      expect(rows).toEqual(
        [
          { user_id: mentee.id, relation_id: winner },
          { user_id: mentors[winnerIndex].id, relation_id: winner },
        ].sort((a, b) => a.user_id - b.user_id),
      );
    });
  });

  describe(`${RACERS} mentors accept, at once, the requests one mentee sent them (the counterpart races)`, () => {
    let mentee: Member;
    let mentors: Member[];
    let ids: number[];
    let outcomes: Array<{ status: number; body: unknown }>;

    beforeAll(async () => {
      mentee = await createMember(env, { mentee: true });
      mentors = await createMembers(env, RACERS, { mentor: true });
      ids = [];
      for (const mentor of mentors) {
        ids.push(await insertPending(env.db, { mentorId: mentor.id, menteeId: mentee.id, actionUserId: mentee.id }));
      }
      outcomes = await Promise.all(ids.map((id, index) => accept(mentors[index], id)));
    }, 120_000);

    it(`exactly one 200 "accepted"; the other ${RACERS - 1} get 400 "Mentee user is already in a relationship."`, () => {
      expect(tally(outcomes)).toEqual({
        [`200 ${JSON.stringify({ message: MSG.accepted })}`]: 1,
        [`400 ${JSON.stringify({ message: MSG.menteeInRelation })}`]: RACERS - 1,
      });
    });

    it('one ACCEPTED relation for the mentee; only its two parties are in active_mentorships (losing mentors stay free)', async () => {
      const winnerIndex = outcomes.findIndex((outcome) => outcome.status === 200);
      const winner = ids[winnerIndex];
      const accepted = await query<{ id: number }>(
        env.db.url,
        'select id from mentorship_relations where mentee_id = $1 and state = $2',
        [mentee.id, STATE.ACCEPTED],
      );
      expect(accepted).toEqual([{ id: winner }]);
      const states = await statesOf(ids);
      expect(ids.filter((id) => id !== winner).map((id) => states.get(id))).toEqual(
        Array(RACERS - 1).fill(STATE.PENDING),
      );
      const involved = new Set([mentee.id, ...mentors.map((mentor) => mentor.id)]);
      const rows = (await activeMembers(env.db)).filter((row) => involved.has(row.user_id));
      expect(rows).toEqual(
        [
          { user_id: mentee.id, relation_id: winner },
          { user_id: mentors[winnerIndex].id, relation_id: winner },
        ].sort((a, b) => a.user_id - b.user_id),
      );
    });

    it('a losing mentor is free: GET /mentorship_relations/current answers the "not in a current relation" message', async () => {
      const loser = mentors[outcomes.findIndex((outcome) => outcome.status !== 200)];
      expect(await fetchJson(baseUrl, 'GET', '/mentorship_relations/current', loser.accessToken)).toEqual({
        status: 200,
        body: { message: MSG.noCurrent },
      });
    });
  });
});
