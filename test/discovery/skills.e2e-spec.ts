/**
 * Skills and interests as data (issue 14, item 1) and the directory's skill= / interest= filters
 * (item 2): normalized tags set with PUT /user and kept in step with the reference's texts,
 * GET /user/tags, GET /skills suggestions by popularity, and the index-backed directory filters.
 */
import { Client } from 'pg';
import { deleteOwnAccount, FULL_USER_KEYS } from '../support/accounts';
import {
  BACKENDS,
  call,
  createMember,
  expectMessage,
  type Member,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

describe.each(BACKENDS)('skills and interests as tags, on %s', (backend) => {
  let world: World;
  let ann: Member;
  let bob: Member;
  let cat: Member;
  let dan: Member;

  beforeAll(async () => {
    world = await startWorld(backend);
    [ann, bob, cat] = await Promise.all([
      createMember(world),
      createMember(world, { mentor: true, mentee: false }),
      createMember(world, { mentor: false, mentee: true }),
    ]);
    dan = await createMember(world);
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const put = (user: Member, body: unknown) => call(world, user, 'PUT', '/user', body);
  const ownTags = async (user: Member) => statusAndBody(await call(world, user, 'GET', '/user/tags'));
  const ownProfile = async (user: Member) => (await call(world, user, 'GET', '/user')).json();
  const byId = (...members: Member[]) => members.map((m) => m.id).sort((x, y) => x - y);
  const ids = (response: { json(): unknown }) => (response.json() as Array<{ id: number }>).map((u) => u.id);

  it('PUT /user skill_tags / interest_tags set the lists, normalized, and the reference texts follow', async () => {
    expectMessage(
      await put(ann, { skill_tags: ['  TypeScript ', 'Public   Speaking', 'typescript'], interest_tags: ['Rust'] }),
      200,
      'User was updated successfully.',
    );
    expect(await ownTags(ann)).toEqual({
      status: 200,
      body: { skill_tags: ['TypeScript', 'Public Speaking'], interest_tags: ['Rust'] },
    });
    const profile = await ownProfile(ann);
    expect(profile.skills).toBe('TypeScript, Public Speaking');
    expect(profile.interests).toBe('Rust');
    expect(Object.keys(profile).sort()).toEqual([...FULL_USER_KEYS].sort());
  });

  it('a tag keeps its first spelling: a later "TYPESCRIPT" is shown as "TypeScript"', async () => {
    expect((await put(bob, { skill_tags: ['TYPESCRIPT', 'Go'] })).statusCode).toBe(200);
    expect(await ownTags(bob)).toEqual({ status: 200, body: { skill_tags: ['TypeScript', 'Go'], interest_tags: [] } });
    expect((await ownProfile(bob)).skills).toBe('TypeScript, Go');
  });

  it('old clients: the skills / interests texts alone re-derive the lists from their comma-separated parts', async () => {
    expect(
      (await put(cat, { skills: 'go , Python,python,, ', interests: 'TypeScript, public speaking' })).statusCode,
    ).toBe(200);
    expect(await ownTags(cat)).toEqual({
      status: 200,
      body: { skill_tags: ['Go', 'Python'], interest_tags: ['TypeScript', 'Public Speaking'] },
    });
    const profile = await ownProfile(cat);
    expect(profile.skills).toBe('go , Python,python,, '); // the reference text stays as sent
    expect(profile.interests).toBe('TypeScript, public speaking');
  });

  it('a list and its text in the same body: the text wins for the string, the list for the tags', async () => {
    expect((await put(dan, { skill_tags: ['Go'], skills: 'I write Go daily' })).statusCode).toBe(200);
    expect((await ownTags(dan)).body).toEqual({ skill_tags: ['Go'], interest_tags: [] });
    expect((await ownProfile(dan)).skills).toBe('I write Go daily');
    // An empty list clears the tags and the text.
    expect((await put(dan, { skill_tags: [] })).statusCode).toBe(200);
    expect((await ownTags(dan)).body).toEqual({ skill_tags: [], interest_tags: [] });
    expect((await ownProfile(dan)).skills).toBeNull();
    expect((await put(dan, { skill_tags: ['Go'] })).statusCode).toBe(200);
  });

  it('the reference text keeps to its limit: as many whole labels as fit 450 (skills) / 150 (interests)', async () => {
    const long = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'k'.repeat(38)}`);
    expect((await put(dan, { skill_tags: long, interest_tags: long })).statusCode).toBe(200);
    expect((await ownTags(dan)).body).toEqual({ skill_tags: long, interest_tags: long });
    const profile = await ownProfile(dan);
    expect(profile.skills).toBe(long.slice(0, 10).join(', ')); // 10 × 40 + 9 × 2 = 418; 11 would be 460
    expect(profile.interests).toBe(long.slice(0, 3).join(', ')); // 3 × 40 + 2 × 2 = 124
    // An old client sending the text back is within the reference's limits.
    expect((await put(dan, { skills: profile.skills, interests: profile.interests })).statusCode).toBe(200);
    expect((await ownTags(dan)).body).toEqual({ skill_tags: long.slice(0, 10), interest_tags: long.slice(0, 3) });
    expect((await put(dan, { skill_tags: ['Go'], interest_tags: [] })).statusCode).toBe(200);
  });

  it('bad lists are a 400 naming the field, after every reference check', async () => {
    expectMessage(await put(ann, { skill_tags: 'Go' }), 400, 'The skill_tags field must be an array of strings.');
    expectMessage(await put(ann, { interest_tags: [1] }), 400, 'The interest_tags field must be an array of strings.');
    expectMessage(await put(ann, { skill_tags: null }), 400, 'The skill_tags field must be an array of strings.');
    expectMessage(
      await put(ann, { skill_tags: ['Go', '   '] }),
      400,
      'Each skill_tags entry must be 1 to 40 characters long (whitespace trimmed).',
    );
    expectMessage(
      await put(ann, { interest_tags: ['x'.repeat(41)] }),
      400,
      'Each interest_tags entry must be 1 to 40 characters long (whitespace trimmed).',
    );
    expectMessage(
      await put(ann, { skill_tags: Array.from({ length: 21 }, (_, i) => `tag ${i}`) }),
      400,
      'The skill_tags field can hold at most 20 different tags.',
    );
    // The reference's checks come first, with their texts.
    expectMessage(
      await put(ann, { name: 'x', skill_tags: 'Go' }),
      400,
      'The name field has to be longer than 1 characters and shorter than 31 characters.',
    );
    expectMessage(await put(ann, {}), 400, 'No data for updating profile was sent.');
    // Nothing changed.
    expect((await ownTags(ann)).body).toEqual({
      skill_tags: ['TypeScript', 'Public Speaking'],
      interest_tags: ['Rust'],
    });
  });

  it('GET /skills suggests existing tags by prefix, the most held first, then alphabetically', async () => {
    // TypeScript: ann, bob (skill), cat (interest) = 3; Go: bob, cat, dan = 3; Public Speaking: ann, cat = 2.
    expect(statusAndBody(await call(world, ann, 'GET', '/skills?prefix=TYP'))).toEqual({
      status: 200,
      body: [{ tag: 'TypeScript', users: 3 }],
    });
    expect(statusAndBody(await call(world, ann, 'GET', '/skills'))).toEqual({
      status: 200,
      body: [
        { tag: 'Go', users: 3 },
        { tag: 'TypeScript', users: 3 },
        { tag: 'Public Speaking', users: 2 },
        { tag: 'Python', users: 1 },
        { tag: 'Rust', users: 1 },
      ],
    });
    expect((await call(world, ann, 'GET', '/skills?prefix=p&limit=1')).json()).toEqual([
      { tag: 'Public Speaking', users: 2 },
    ]);
    expect((await call(world, ann, 'GET', '/skills?prefix=public%20%20sp')).json()).toEqual([
      { tag: 'Public Speaking', users: 2 },
    ]);
    expect((await call(world, ann, 'GET', '/skills?prefix=%25')).json()).toEqual([]);
    for (const limit of ['0', '51', 'x']) {
      expectMessage(
        await call(world, ann, 'GET', `/skills?limit=${limit}`),
        400,
        'The limit query parameter is invalid.',
      );
    }
    expectMessage(await call(world, null, 'GET', '/skills'), 401, 'The authorization token is missing!');
    expectMessage(await call(world, null, 'GET', '/user/tags'), 401, 'The authorization token is missing!');
  });

  it('GET /users and /users/verified filter by skill= and interest= (slug matched exactly), with X-Total-Count', async () => {
    const list = (url: string) => call(world, dan, 'GET', url);
    let response = await list('/users?skill=%20typescript%20');
    expect(response.statusCode).toBe(200);
    expect(ids(response)).toEqual(byId(ann, bob));
    expect(response.headers['x-total-count']).toBe('2');

    response = await list('/users/verified?skill=TypeScript&need_mentoring=true');
    expect(ids(response)).toEqual([ann.id]);
    expect(response.headers['x-total-count']).toBe('1');

    response = await list('/users?interest=typescript');
    expect(ids(response)).toEqual([cat.id]);
    expect(response.headers['x-total-count']).toBe('1');

    response = await list('/users?skill=go&interest=public%20speaking');
    expect(ids(response)).toEqual([cat.id]);

    response = await list('/users?skill=types'); // not a prefix match
    expect(response.json()).toEqual([]);
    expect(response.headers['x-total-count']).toBe('0');

    response = await list('/users?skill=never-used');
    expect(response.json()).toEqual([]);
    expect(response.headers['x-total-count']).toBe('0');

    // The reference's substring filter is untouched.
    response = await list('/users?skills=ypeScr');
    expect(ids(response)).toEqual(byId(ann, bob));
    // The caller is never listed, even holding the tag.
    expect(ids(await list('/users?skill=go'))).toEqual(byId(bob, cat));
  });

  it('concurrent updates take turns: no 5xx, one tag row per slug, one whole list kept', async () => {
    const fresh = ['Zig', 'Elixir', 'Haskell', 'OCaml'];
    const responses = await Promise.all([
      put(bob, { interest_tags: fresh }),
      put(cat, { skill_tags: ['Go', 'Python', ...[...fresh].reverse()] }),
      put(dan, { interest_tags: ['haskell', 'zig'] }),
      put(dan, { interest_tags: ['ocaml', 'elixir'] }),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    const slugs = await world.sql<{ slug: string; n: number }>(
      `select "slug", count(*)::int as "n" from "tags" where "slug" in ('zig', 'elixir', 'haskell', 'ocaml') group by "slug" order by "slug"`,
    );
    expect(slugs).toEqual(['elixir', 'haskell', 'ocaml', 'zig'].map((slug) => ({ slug, n: 1 })));
    expect([
      ['Haskell', 'Zig'],
      ['OCaml', 'Elixir'],
    ]).toContainEqual(((await ownTags(dan)).body as { interest_tags: string[] }).interest_tags);
    // Back to the lists the later tests expect.
    for (const [member, body] of [
      [bob, { interest_tags: [] }],
      [cat, { skill_tags: ['Go', 'Python'] }],
      [dan, { interest_tags: [] }],
    ] as const) {
      expect((await put(member, body)).statusCode).toBe(200);
    }
    expect((await call(world, ann, 'GET', '/skills?prefix=z')).json()).toEqual([]);
  });

  it('a deleted account loses its tags: no longer counted nor listed', async () => {
    const eve = await createMember(world);
    expect((await put(eve, { interest_tags: ['rust'] })).statusCode).toBe(200);
    expect((await call(world, ann, 'GET', '/skills?prefix=rust')).json()).toEqual([{ tag: 'Rust', users: 2 }]);
    await deleteOwnAccount(world.test, eve);
    expect((await call(world, ann, 'GET', '/skills?prefix=rust')).json()).toEqual([{ tag: 'Rust', users: 1 }]);
    expect(await world.sql('select * from "user_tags" where "user_id" = ?', [eve.id])).toEqual([]);
    expect((await call(world, dan, 'GET', '/users?interest=rust')).json().map((u: { id: number }) => u.id)).toEqual([
      ann.id,
    ]);
  });

  if (backend === 'postgresql') {
    it('the skill=, location= and flag filters and the prefix suggestions can use their indexes', async () => {
      const client = new Client({ connectionString: world.db!.url });
      await client.connect();
      try {
        await client.query('set enable_seqscan = off');
        const explain = async (sql: string) =>
          (await client.query(`explain ${sql}`)).rows
            .map((row: Record<string, string>) => row['QUERY PLAN'])
            .join('\n');
        expect(
          await explain(
            `select * from users where exists (select 1 from "user_tags" "ut" where "ut"."kind" = 'skill' and "ut"."tag_id" = 1 and "ut"."user_id" = "id")`,
          ),
        ).toContain('user_tags_directory_idx');
        expect(await explain(`select * from tags where slug like 'typ%'`)).toContain('tags_slug_prefix_idx');
        // The directory's other filters of issue 14, as list-users writes them.
        expect(await explain(`select * from users where location ilike '%berlin%'`)).toContain(
          'users_location_trgm_idx',
        );
        expect(
          await explain(`select * from users where deleted_at is null and available_to_mentor = true order by id`),
        ).toContain('users_available_to_mentor_idx');
        expect(
          await explain(`select * from users where deleted_at is null and need_mentoring = true order by id`),
        ).toContain('users_need_mentoring_idx');
      } finally {
        await client.end();
      }
    });
  }
});
