/**
 * GET /users/recommended (issue 14): counterparts ranked for the caller, with a score and its
 * reasons, on a fixture whose order is worked out by hand below. Scoring (the rules in
 * libs/mentorship/src/domain/recommendation.rules.ts): +3 per overlapping tag, +2 when in no
 * accepted relation, -0.5 per pending request received (at most -2), +1 same location, and when
 * rated in the role (average - 3) x 0.5. Never the caller, blocked pairs, unverified or deleted
 * accounts, nor anyone in a pending or accepted relation with the caller.
 */
import { deleteOwnAccount, PUBLIC_USER_KEYS } from '../support/accounts';
import {
  BACKENDS,
  call,
  createAccepted,
  createMember,
  createRequest,
  expectMessage,
  type Member,
  startWorld,
  type World,
} from '../relation-life/support';

const FREE = 'is free to start a mentorship';
const teaches = (tag: string) => `teaches ${tag}, which you want to learn`;

describe.each(BACKENDS)('GET /users/recommended (%s)', (backend) => {
  let world: World;
  // c looks for a mentor (need_mentoring only), wants TypeScript, Rust and Go, lives in Berlin.
  let c: Member;
  let m1: Member, m2: Member, m3: Member, m4: Member, m5: Member;
  let blockedByC: Member, blockerOfC: Member, pendingWithC: Member, deleted: Member, unverified: Member;
  let notMentoring: Member, x: Member, teacher: Member, learner: Member;

  const put = async (member: Member, body: unknown) => {
    const response = await call(world, member, 'PUT', '/user', body);
    expect(response.statusCode).toBe(200);
  };
  const mentorOnly = () => createMember(world, { mentor: true, mentee: false });
  const menteeOnly = () => createMember(world, { mentor: false, mentee: true });
  const recommended = (member: Member, query = '') => call(world, member, 'GET', `/users/recommended${query}`);
  const ranking = async (member: Member, query = '') => {
    const response = await recommended(member, query);
    expect(response.statusCode).toBe(200);
    return (response.json() as Array<{ id: number; score: number; reasons: string[] }>).map(
      ({ id, score, reasons }) => ({ id, score, reasons }),
    );
  };

  beforeAll(async () => {
    world = await startWorld(backend);
    c = await menteeOnly();
    await put(c, { interest_tags: ['TypeScript', 'Rust', 'Go'], location: 'Berlin' });
    m1 = await mentorOnly();
    await put(m1, { skill_tags: ['typescript', ' rust '], location: ' berlin ' });
    m2 = await mentorOnly();
    await put(m2, { skill_tags: ['Go'] });
    m3 = await mentorOnly();
    await put(m3, { skill_tags: ['TypeScript'] });
    m4 = await mentorOnly();
    await put(m4, { skill_tags: ['Rust'] });
    m5 = await mentorOnly();
    await put(m5, { location: 'BERLIN' });
    // Rated 5 and 5 as a mentor (the counters the feedback command keeps).
    await world.sql(`update "users" set "mentor_rating_total" = 10, "mentor_rating_count" = 2 where "id" = ?`, [m2.id]);
    // m3 mentors x (accepted); m4 holds three pending requests from mentees.
    x = await menteeOnly();
    await createAccepted(world, m3, x);
    for (let i = 0; i < 3; i++) {
      const sender = await menteeOnly();
      await createRequest(world, sender, m4, sender);
    }
    // Excluded, although each teaches TypeScript.
    [blockedByC, blockerOfC, pendingWithC, deleted, unverified] = await Promise.all(
      Array.from({ length: 5 }, () => mentorOnly()),
    );
    notMentoring = await menteeOnly();
    for (const member of [blockedByC, blockerOfC, pendingWithC, deleted, unverified, notMentoring]) {
      await put(member, { skill_tags: ['TypeScript'] });
    }
    expect((await call(world, c, 'POST', `/users/${blockedByC.id}/block`)).statusCode).toBe(201);
    expect((await call(world, blockerOfC, 'POST', `/users/${c.id}/block`)).statusCode).toBe(201);
    await createRequest(world, c, pendingWithC, c);
    await deleteOwnAccount(world.test, deleted);
    await world.sql(`update "users" set "is_email_verified" = false where "id" = ?`, [unverified.id]);
    // A mentor who teaches Go, for the mentee direction below.
    teacher = await mentorOnly();
    await put(teacher, { skill_tags: ['Elm'] });
    learner = await menteeOnly();
    await put(learner, { interest_tags: ['elm'] });
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('ranks by the hand-worked scores, with the reasons of each part', async () => {
    // m1: TypeScript + Rust 2 x 3 = 6, free +2, "berlin" = "Berlin" +1            = 9
    // m2: Go 3, free +2, rated 5 by 2: (5 - 3) x 0.5 = +1                        = 6
    // m4: Rust 3, free +2, 3 pending: -1.5                                       = 3.5
    // m3: TypeScript 3, in an accepted relation: 0                               = 3
    // m5: no overlap, free +2, "BERLIN" +1                                       = 3 (after m3: lower id)
    // teacher: free +2                                                           = 2
    expect(await ranking(c)).toEqual([
      { id: m1.id, score: 9, reasons: [teaches('TypeScript'), teaches('Rust'), FREE, 'is also in berlin'] },
      { id: m2.id, score: 6, reasons: [teaches('Go'), FREE, 'rated 5 by 2 mentees'] },
      { id: m4.id, score: 3.5, reasons: [teaches('Rust'), FREE, 'already has 3 pending requests'] },
      { id: m3.id, score: 3, reasons: [teaches('TypeScript')] },
      { id: m5.id, score: 3, reasons: [FREE, 'is also in BERLIN'] },
      { id: teacher.id, score: 2, reasons: [FREE] },
    ]);
  });

  it('never lists the caller, blocked pairs, a pending relation, deleted, unverified or non-mentors', async () => {
    const ids = (await ranking(c, '?limit=50')).map((entry) => entry.id);
    for (const member of [c, blockedByC, blockerOfC, pendingWithC, deleted, unverified, notMentoring, x]) {
      expect(ids).not.toContain(member.id);
    }
  });

  it('each item is the public user of the directory plus score and reasons', async () => {
    const [first] = (await recommended(c, '?limit=1')).json() as Array<Record<string, unknown>>;
    expect(Object.keys(first).sort()).toEqual([...PUBLIC_USER_KEYS, 'reasons', 'score'].sort());
    expect(first.id).toBe(m1.id);
  });

  it('is deterministic, and limit cuts the same order', async () => {
    const all = await ranking(c);
    expect(await ranking(c)).toEqual(all);
    expect(await ranking(c, '?limit=2')).toEqual(all.slice(0, 2));
  });

  it('role=mentee looks for mentees: a caller who teaches Elm finds the one who wants to learn it', async () => {
    const found = await ranking(teacher, '?role=mentee');
    expect(found[0]).toEqual({
      id: learner.id,
      score: 5,
      reasons: ['wants to learn Elm, which you teach', FREE],
    });
    // Without role, the teacher (available_to_mentor only) gets mentees too; never mentors-only members.
    expect((await ranking(teacher)).map((entry) => entry.id)).not.toContain(m1.id);
  });

  it('leaves out the counterpart of an accepted relation with the caller', async () => {
    const ids = (await ranking(x, '?role=mentor&limit=50')).map((entry) => entry.id);
    expect(ids).not.toContain(m3.id);
    expect(ids).toContain(m1.id);
  });

  it('answers 400 for a bad limit or role, and 401 without a token', async () => {
    for (const limit of ['0', '51', 'ten', '-1']) {
      expectMessage(await recommended(c, `?limit=${limit}`), 400, 'The limit query parameter is invalid.');
    }
    expectMessage(await recommended(c, '?role=admin'), 400, 'The role query parameter is invalid.');
    expectMessage(await call(world, null, 'GET', '/users/recommended'), 401, 'The authorization token is missing!');
  });

  it('is its own route, not GET /users/{id}; and /docs describes it', async () => {
    expect((await recommended(c)).statusCode).toBe(200);
    const docs = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; responses: object }>>;
    };
    const operation = docs.paths['/users/recommended'].get;
    expect(operation.parameters?.map((p) => p.name).sort()).toEqual(['limit', 'role']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
  });

  // Runs after the tests above (jest keeps declaration order), so these members are not in c's ranking.
  describe('a caller open both ways, or neither', () => {
    const wantsToLearn = (tag: string) => `wants to learn ${tag}, which you teach`;
    let both: Member, zigMentor: Member, haskellLearner: Member, flexible: Member, sender: Member, neither: Member;

    beforeAll(async () => {
      // both teaches and wants Haskell and Zig: were the caller not left out, they would top their own list.
      both = await createMember(world, { mentor: true, mentee: true });
      await put(both, { skill_tags: ['Haskell', 'Zig'], interest_tags: ['Zig', 'Haskell'] });
      zigMentor = await mentorOnly();
      await put(zigMentor, { skill_tags: ['Zig'] });
      haskellLearner = await menteeOnly();
      await put(haskellLearner, { interest_tags: ['Haskell'] });
      // flexible: as a mentor for both, Zig 3 + free 2 = 5; as a mentee, Haskell 3 + free 2 + rated 5
      // by 2 mentors (+1) = 6: the better direction is the mentee one.
      flexible = await createMember(world, { mentor: true, mentee: true });
      await put(flexible, { skill_tags: ['Zig'], interest_tags: ['Haskell'] });
      await world.sql(`update "users" set "mentee_rating_total" = 10, "mentee_rating_count" = 2 where "id" = ?`, [
        flexible.id,
      ]);
      // sender teaches Zig and has sent both a request (pending): left out of both's list only.
      sender = await mentorOnly();
      await put(sender, { skill_tags: ['Zig'] });
      await createRequest(world, sender, sender, both);
      neither = await createMember(world, { mentor: false, mentee: false });
      await put(neither, { interest_tags: ['Zig'] });
    }, 120_000);

    it('without role, both directions count and each member keeps its better one; never the caller', async () => {
      const found = await ranking(both, '?limit=50');
      expect(found.slice(0, 3)).toEqual([
        { id: flexible.id, score: 6, reasons: [wantsToLearn('Haskell'), FREE, 'rated 5 by 2 mentors'] },
        { id: zigMentor.id, score: 5, reasons: [teaches('Zig'), FREE] },
        { id: haskellLearner.id, score: 5, reasons: [wantsToLearn('Haskell'), FREE] },
      ]);
      const ids = found.map((entry) => entry.id);
      expect(ids).not.toContain(both.id);
      // A request the candidate sent to the caller excludes them as one the caller sent does.
      expect(ids).not.toContain(sender.id);
    });

    it('a caller open to neither gets both directions too', async () => {
      expect((await ranking(neither)).slice(0, 3)).toEqual([
        { id: zigMentor.id, score: 5, reasons: [teaches('Zig'), FREE] },
        { id: flexible.id, score: 5, reasons: [teaches('Zig'), FREE] },
        { id: sender.id, score: 5, reasons: [teaches('Zig'), FREE] },
      ]);
    });
  });
});
