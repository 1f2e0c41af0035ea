/**
 * Feedback at the end of a relation (beyond the reference): after a COMPLETED relation each party
 * rates the other once (1–5), with an optional testimonial, within the feedback window, and may
 * edit it there. Profiles and the directory show the rating averages, the directory filters by
 * them, a member's testimonials are listed newest first, admins hide one (audited), the rated
 * party is emailed, and a deleted account takes its feedback with it. On PostgreSQL and on the
 * embedded database, over real HTTP.
 */
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { CommandBus } from '@nestjs/cqrs';
import { DetachDeletedUserCommand } from '@app/mentorship/commands/detach-deleted-user.command';
import { eventually } from '../support/app';
import { PUBLIC_USER_KEYS } from '../support/accounts';
import {
  BACKENDS,
  call,
  countMails,
  createAccepted,
  createCompleted,
  createMember,
  createMembers,
  createRequest,
  expectMessage,
  type Member,
  sleep,
  startWorld,
  statusAndBody,
  type World,
} from './support';

const TEXT = {
  RELATION_NOT_FOUND: 'Mentorship relation does not exist.',
  NEEDS_COMPLETED: 'Feedback can only be left on a completed mentorship relation.',
  WINDOW_CLOSED: 'The feedback window for this mentorship relation has closed.',
  ALREADY_LEFT: 'You have already left feedback on this mentorship relation; edit it with PUT.',
  NOT_LEFT: 'You have not left feedback on this mentorship relation.',
  RATING_INVALID: 'rating must be an integer from 1 to 5.',
  TESTIMONIAL_INVALID: 'testimonial must be a string of at most 1000 characters.',
  TESTIMONIAL_DOES_NOT_EXIST: 'Testimonial does not exist.',
  HIDDEN: 'The testimonial is hidden.',
  SHOWN: 'The testimonial is shown again.',
  HIDE_REASON_INVALID: 'reason must be a string of at most 500 characters.',
  USER_DOES_NOT_EXIST: 'User does not exist.',
  NOT_AN_ADMIN: 'User is not an Admin.',
};
const FEEDBACK_SUBJECT = 'Mentorship System - You have received feedback';
const FEEDBACK_KEYS = [
  'id',
  'relation_id',
  'author',
  'subject',
  'subject_role',
  'rating',
  'testimonial',
  'hidden',
  'created_at',
  'updated_at',
].sort();
const TESTIMONIAL_KEYS = [
  'id',
  'rating',
  'testimonial',
  'author',
  'author_role',
  'relation',
  'created_at',
  'updated_at',
].sort();

const feedbackUrl = (relationId: number) => `/mentorship_relation/${relationId}/feedback`;
const invalidQuery = (name: string) => `The ${name} query parameter is invalid.`;

describe.each(BACKENDS)('feedback at the end of a relation on %s', (backend) => {
  let world: World;
  let admin: Member;
  /** A mentor rated by three mentees; A is also rated (as a mentee) by the mentor. */
  let mentor: Member;
  let menteeA: Member;
  let menteeB: Member;
  let menteeC: Member;
  let outsider: Member;
  let relationA: number;
  let relationB: number;
  let relationC: number;
  const feedbackIds: Record<string, number> = {};

  const leave = (user: Member, relationId: number, body: unknown) =>
    call(world, user, 'POST', feedbackUrl(relationId), body);
  const edit = (user: Member, relationId: number, body: unknown) =>
    call(world, user, 'PUT', feedbackUrl(relationId), body);
  const profile = async (user: { id: number }, caller: Member = outsider) => {
    const response = await call(world, caller, 'GET', `/users/${user.id}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const testimonials = (user: { id: number }, query = '', caller: Member = outsider) =>
    call(world, caller, 'GET', `/users/${user.id}/testimonials${query}`);
  const relationDates = async (id: number) => {
    const [row] = await world.sql<{ start_date: number | string | null; end_date: number | string }>(
      `select "start_date", "end_date" from "mentorship_relations" where "id" = ?`,
      [id],
    );
    return { id, start_date: row.start_date === null ? null : Number(row.start_date), end_date: Number(row.end_date) };
  };
  /** The mentors' averages computed from the feedback rows themselves, not from the summaries. */
  const averagesFromRows = async (role: 'mentor' | 'mentee') => {
    const rows = await world.sql<{ subject_id: number; average: number | string }>(
      `select f."subject_id", avg(f."rating")::float8 as "average" from "relation_feedback" f
        join "users" u on u."id" = f."subject_id" and u."deleted_at" is null
        where f."subject_role" = ? group by f."subject_id"`,
      [role],
    );
    return new Map(rows.map((row) => [row.subject_id, Number(row.average)]));
  };

  beforeAll(async () => {
    world = await startWorld(backend);
    // The first member of a fresh database is its admin.
    admin = await createMember(world);
    [mentor, menteeA, menteeB, menteeC, outsider] = await createMembers(world, 5);
    relationA = await createCompleted(world, mentor, menteeA, 3);
    relationB = await createCompleted(world, mentor, menteeB, 2);
    relationC = await createCompleted(world, mentor, menteeC, 1);
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('the first member is the admin (the admin routes below rely on it)', async () => {
    const response = await call(world, admin, 'GET', '/user');
    expect(response.json().is_admin).toBe(true);
  });

  describe('leaving feedback', () => {
    it('the mentee rates the mentor 5 with a testimonial: 201 and the feedback', async () => {
      const before = Date.now() / 1000;
      const response = await leave(menteeA, relationA, { rating: 5, testimonial: '  Patient and <clear>.  ' });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(Object.keys(body).sort()).toEqual(FEEDBACK_KEYS);
      expect(body).toEqual({
        id: expect.any(Number),
        relation_id: relationA,
        author: { id: menteeA.id, name: menteeA.name },
        subject: { id: mentor.id, name: mentor.name },
        subject_role: 'mentor',
        rating: 5,
        testimonial: 'Patient and <clear>.',
        hidden: false,
        created_at: expect.any(Number),
        updated_at: body.created_at,
      });
      expect(body.created_at).toBeGreaterThanOrEqual(before - 1);
      feedbackIds.aAboutMentor = body.id;
    });

    it('the mentor rates the mentee 3 without a testimonial: 201', async () => {
      const response = await leave(mentor, relationA, { rating: 3 });
      expect(statusAndBody(response)).toEqual({
        status: 201,
        body: {
          id: expect.any(Number),
          relation_id: relationA,
          author: { id: mentor.id, name: mentor.name },
          subject: { id: menteeA.id, name: menteeA.name },
          subject_role: 'mentee',
          rating: 3,
          testimonial: null,
          hidden: false,
          created_at: expect.any(Number),
          updated_at: expect.any(Number),
        },
      });
      feedbackIds.mentorAboutA = response.json().id;
    });

    it('a second POST by either party: 409, and nothing changes', async () => {
      expectMessage(await leave(menteeA, relationA, { rating: 1 }), 409, TEXT.ALREADY_LEFT);
      expectMessage(await leave(mentor, relationA, { rating: 1, testimonial: 'again' }), 409, TEXT.ALREADY_LEFT);
      const [row] = await world.sql<{ n: number }>(
        `select count(*)::int as "n" from "relation_feedback" where "relation_id" = ?`,
        [relationA],
      );
      expect(row.n).toBe(2);
      expect((await profile(mentor)).ratings).toEqual({
        as_mentor: { average: 5, count: 1 },
        as_mentee: { average: null, count: 0 },
      });
    });

    it("GET lists both parties' feedback to the parties, and to nobody else", async () => {
      const response = await call(world, mentor, 'GET', feedbackUrl(relationA));
      expect(response.statusCode).toBe(200);
      expect(response.json().map((entry: { id: number; rating: number }) => [entry.id, entry.rating])).toEqual([
        [feedbackIds.aAboutMentor, 5],
        [feedbackIds.mentorAboutA, 3],
      ]);
      expect((await call(world, menteeA, 'GET', feedbackUrl(relationA))).json()).toEqual(response.json());
      expectMessage(await call(world, outsider, 'GET', feedbackUrl(relationA)), 404, TEXT.RELATION_NOT_FOUND);
      expect(statusAndBody(await call(world, mentor, 'GET', feedbackUrl(relationB)))).toEqual({
        status: 200,
        body: [],
      });
    });

    it('an outsider, or a relation that does not exist: 404 for POST and PUT', async () => {
      expectMessage(await leave(outsider, relationB, { rating: 5 }), 404, TEXT.RELATION_NOT_FOUND);
      expectMessage(await edit(outsider, relationB, { rating: 5 }), 404, TEXT.RELATION_NOT_FOUND);
      expectMessage(await leave(mentor, 999_999, { rating: 5 }), 404, TEXT.RELATION_NOT_FOUND);
      expectMessage(await leave(mentor, 99_999_999_999, { rating: 5 }), 404, TEXT.RELATION_NOT_FOUND);
    });

    it.each([
      ['0', { rating: 0 }],
      ['6', { rating: 6 }],
      ['4.5', { rating: 4.5 }],
      ['"5"', { rating: '5' }],
      ['null', { rating: null }],
      ['missing', { testimonial: 'no rating' }],
      ['true', { rating: true }],
    ])('a rating of %s: 400 (POST and PUT)', async (_name, body) => {
      expectMessage(await leave(menteeB, relationB, body), 400, TEXT.RATING_INVALID);
      expectMessage(await edit(menteeA, relationA, body), 400, TEXT.RATING_INVALID);
    });

    it.each([
      ['1001 characters', 'x'.repeat(1001)],
      ['a number', 42],
      ['a list', ['words']],
      ['a NUL character', 'nice\u0000words'],
      ['a lone surrogate', 'nice \ud800 words'],
    ])('a testimonial of %s: 400', async (_name, testimonial) => {
      expectMessage(await leave(menteeB, relationB, { rating: 4, testimonial }), 400, TEXT.TESTIMONIAL_INVALID);
    });

    it('a body that is no object: 400, never a 5xx', async () => {
      for (const body of ['[]', '"five"', '5']) {
        const response = await leave(menteeB, relationB, body);
        expect(response.statusCode).toBe(400);
      }
      const [row] = await world.sql<{ n: number }>(
        `select count(*)::int as "n" from "relation_feedback" where "relation_id" = ?`,
        [relationB],
      );
      expect(row.n).toBe(0);
    });

    it('a testimonial of exactly 1000 characters is taken', async () => {
      const testimonial = 'y'.repeat(1000);
      const response = await leave(menteeB, relationB, { rating: 4, testimonial });
      expect(response.statusCode).toBe(201);
      expect(response.json().testimonial).toBe(testimonial);
      feedbackIds.bAboutMentor = response.json().id;
    });

    it('a third mentee rates 2; the mentor averages (5 + 4 + 2) / 3 = 3.67 over 3 ratings', async () => {
      const response = await leave(menteeC, relationC, { rating: 2, testimonial: 'Often late.' });
      expect(response.statusCode).toBe(201);
      feedbackIds.cAboutMentor = response.json().id;
      expect((await profile(mentor)).ratings).toEqual({
        as_mentor: { average: 3.67, count: 3 },
        as_mentee: { average: null, count: 0 },
      });
      expect((await profile(menteeA)).ratings).toEqual({
        as_mentor: { average: null, count: 0 },
        as_mentee: { average: 3, count: 1 },
      });
    });
  });

  describe('editing feedback', () => {
    it('PUT replaces the rating and the testimonial within the window: 200, and the averages follow', async () => {
      const response = await edit(menteeC, relationC, { rating: 5, testimonial: 'Late at first, then great.' });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        id: feedbackIds.cAboutMentor,
        relation_id: relationC,
        author: { id: menteeC.id, name: menteeC.name },
        subject: { id: mentor.id, name: mentor.name },
        subject_role: 'mentor',
        rating: 5,
        testimonial: 'Late at first, then great.',
        hidden: false,
      });
      expect(body.updated_at).toBeGreaterThan(body.created_at);
      // (5 + 4 + 5) / 3
      expect((await profile(mentor)).ratings.as_mentor).toEqual({ average: 4.67, count: 3 });
    });

    it('an omitted testimonial clears it; a whitespace-only one counts as none', async () => {
      const cleared = await edit(mentor, relationA, { rating: 4 });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json()).toMatchObject({ rating: 4, testimonial: null });
      expect((await profile(menteeA)).ratings.as_mentee).toEqual({ average: 4, count: 1 });
      const blank = await edit(mentor, relationA, { rating: 4, testimonial: ' \n ' });
      expect(blank.json()).toMatchObject({ rating: 4, testimonial: null });
    });

    it('PUT without feedback of ones own: 404', async () => {
      expectMessage(await edit(mentor, relationB, { rating: 4 }), 404, TEXT.NOT_LEFT);
    });

    it('edits send no email; each POST emailed the rated party exactly once', async () => {
      await eventually(() => countMails(world.sink, mentor.email, FEEDBACK_SUBJECT) >= 3 || undefined, 15_000);
      await sleep(800);
      expect(countMails(world.sink, mentor.email, FEEDBACK_SUBJECT)).toBe(3);
      expect(countMails(world.sink, menteeA.email, FEEDBACK_SUBJECT)).toBe(1);
      expect(countMails(world.sink, menteeB.email, FEEDBACK_SUBJECT)).toBe(0);
      expect(countMails(world.sink, menteeC.email, FEEDBACK_SUBJECT)).toBe(0);
      const fromA = world.sink.messages.find(
        (mail) =>
          mail.to.includes(mentor.email) && mail.subject === FEEDBACK_SUBJECT && mail.text.includes(menteeA.name),
      )!;
      expect(fromA.text).toContain(`Hi ${mentor.name},`);
      expect(fromA.text).toContain(`${menteeA.name} rated you 5 out of 5 as a mentor.`);
      expect(fromA.text).toContain('Patient and <clear>.');
      expect(fromA.html).toContain('Patient and &#60;clear&#62;.');
      const toA = world.sink.messages.find(
        (mail) => mail.to.includes(menteeA.email) && mail.subject === FEEDBACK_SUBJECT,
      )!;
      expect(toA.text).toContain(`${mentor.name} rated you 3 out of 5 as a mentee.`);
      expect(toA.text).not.toContain('wrote');
    });
  });

  describe('relations that take no feedback', () => {
    let first: Member;
    let second: Member;
    let third: Member;
    let fourth: Member;

    beforeAll(async () => {
      [first, second, third, fourth] = await createMembers(world, 4);
    }, 120_000);

    it('a cancelled relation: 409 for POST and PUT', async () => {
      const id = await createAccepted(world, first, second);
      expect((await call(world, second, 'PUT', `/mentorship_relation/${id}/cancel`)).statusCode).toBe(200);
      expectMessage(await leave(second, id, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
      expectMessage(await leave(first, id, { rating: 1 }), 409, TEXT.NEEDS_COMPLETED);
      expectMessage(await edit(second, id, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
    });

    it('a pending and an accepted relation: 409', async () => {
      const pending = await createRequest(world, first, first, second);
      expectMessage(await leave(first, pending, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
      expectMessage(await leave(second, pending, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
      const accepted = await createAccepted(world, third, fourth);
      expectMessage(await leave(fourth, accepted, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
      expectMessage(await edit(third, accepted, { rating: 5 }), 409, TEXT.NEEDS_COMPLETED);
      expect((await call(world, third, 'PUT', `/mentorship_relation/${accepted}/cancel`)).statusCode).toBe(200);
      expect((await call(world, first, 'DELETE', `/mentorship_relation/${pending}`)).statusCode).toBe(200);
    });

    it('completed 31 days ago: the window is closed for POST and PUT', async () => {
      const id = await createCompleted(world, first, third, 31);
      expectMessage(await leave(third, id, { rating: 5 }), 409, TEXT.WINDOW_CLOSED);
      // Feedback left in time is not editable once the window has closed either.
      await world.sql(
        `insert into "relation_feedback" ("relation_id", "author_id", "subject_id", "subject_role", "rating", "created_at", "updated_at")
         values (?, ?, ?, 'mentor', 4, ?, ?)`,
        [id, third.id, first.id, Date.now() / 1000 - 31 * 86_400, Date.now() / 1000 - 31 * 86_400],
      );
      expectMessage(await edit(third, id, { rating: 5 }), 409, TEXT.WINDOW_CLOSED);
      await world.sql(`delete from "relation_feedback" where "relation_id" = ?`, [id]);
    });

    it('completed 29 days ago: still open, 201', async () => {
      const id = await createCompleted(world, second, fourth, 29);
      const response = await leave(fourth, id, { rating: 2, testimonial: '   ' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ rating: 2, testimonial: null, subject_role: 'mentor' });
      expect((await profile(second)).ratings).toEqual({
        as_mentor: { average: 2, count: 1 },
        as_mentee: { average: null, count: 0 },
      });
    });
  });

  describe('profiles and the directory', () => {
    it('an unrated member has exactly the reference keys', async () => {
      expect(Object.keys(await profile(outsider, mentor)).sort()).toEqual([...PUBLIC_USER_KEYS].sort());
      const listed = await call(world, mentor, 'GET', `/users?search=${outsider.username}`);
      expect(listed.json().map((user: object) => Object.keys(user).sort())).toEqual([[...PUBLIC_USER_KEYS].sort()]);
    });

    it('the ratings show in GET /users/{id}, GET /users and GET /users/verified', async () => {
      const expected = {
        as_mentor: { average: 4.67, count: 3 },
        as_mentee: { average: null, count: 0 },
      };
      expect((await profile(mentor)).ratings).toEqual(expected);
      for (const path of ['/users', '/users/verified']) {
        const response = await call(world, outsider, 'GET', `${path}?search=${mentor.username}`);
        expect(response.json()).toEqual([expect.objectContaining({ id: mentor.id, ratings: expected })]);
        const keys = Object.keys(response.json()[0]).sort();
        expect(keys).toEqual([...PUBLIC_USER_KEYS, 'ratings'].sort());
      }
    });

    it('min_rating keeps exactly the members whose average as a mentor is at least the value', async () => {
      const fromRows = await averagesFromRows('mentor');
      for (const path of ['/users', '/users/verified']) {
        const response = await call(world, outsider, 'GET', `${path}?min_rating=4&per_page=50`);
        expect(response.statusCode).toBe(200);
        const ids = response.json().map((user: { id: number }) => user.id);
        const expected = [...fromRows].filter(([, average]) => average >= 4).map(([id]) => id);
        expect(ids.sort()).toEqual(expected.sort());
        expect(ids).toContain(mentor.id);
        expect(ids).not.toContain(menteeA.id);
        expect(response.headers['x-total-count']).toBe(String(expected.length));
        for (const user of response.json()) expect(user.ratings.as_mentor.average).toBeGreaterThanOrEqual(4);
      }
      // 4.67 is not 4.7 or more; 2 is at least 2; decimals are allowed.
      const strict = await call(world, outsider, 'GET', `/users?min_rating=4.7&per_page=50`);
      expect(strict.json().map((user: { id: number }) => user.id)).not.toContain(mentor.id);
      const lenient = await call(world, outsider, 'GET', `/users?min_rating=1.5&per_page=50`);
      expect(lenient.json().map((user: { id: number }) => user.id)).toEqual(
        expect.arrayContaining([...fromRows.keys()].filter((id) => id !== outsider.id)),
      );
      expect(lenient.headers['x-total-count']).toBe(String(fromRows.size));
    });

    it('min_mentee_rating filters by the average as a mentee', async () => {
      const fromRows = await averagesFromRows('mentee');
      const response = await call(world, outsider, 'GET', '/users?min_mentee_rating=4&per_page=50');
      expect(response.statusCode).toBe(200);
      const ids = response.json().map((user: { id: number }) => user.id);
      expect(ids.sort()).toEqual(
        [...fromRows]
          .filter(([, average]) => average >= 4)
          .map(([id]) => id)
          .sort(),
      );
      expect(ids).toContain(menteeA.id);
      expect(ids).not.toContain(mentor.id);
    });

    it('filters combine with the others and with paging (X-Total-Count stays right)', async () => {
      const response = await call(world, outsider, 'GET', `/users?min_rating=4&search=${mentor.username}&per_page=1`);
      expect(response.json().map((user: { id: number }) => user.id)).toEqual([mentor.id]);
      expect(response.headers['x-total-count']).toBe('1');
      const none = await call(world, outsider, 'GET', `/users?min_rating=5&search=${mentor.username}`);
      expect(statusAndBody(none)).toEqual({ status: 200, body: [] });
      expect(none.headers['x-total-count']).toBe('0');
    });

    it.each(['abc', '0', '6', '-1', '4,5', '0.5', '5.5'])('min_rating=%s: 400', async (value) => {
      expectMessage(
        await call(world, outsider, 'GET', `/users?min_rating=${encodeURIComponent(value)}`),
        400,
        invalidQuery('min_rating'),
      );
      expectMessage(
        await call(world, outsider, 'GET', `/users/verified?min_mentee_rating=${encodeURIComponent(value)}`),
        400,
        invalidQuery('min_mentee_rating'),
      );
    });

    if (backend === 'postgresql') {
      it('PostgreSQL serves the filter from the partial index (the same expression and predicate)', async () => {
        const plan = await world.test.app
          .get(MikroORM)
          .em.fork()
          .transactional(async (em) => {
            const sqlEm = em as unknown as SqlEntityManager;
            await sqlEm.execute('set local enable_seqscan = off');
            const rows = await sqlEm.execute<Array<{ 'QUERY PLAN': string }>>(
              `explain select "u0"."id" from "users" as "u0"
              where "u0"."deleted_at" is null and "u0"."mentor_rating_count" > 0
                and ("mentor_rating_total"::float8 / "mentor_rating_count") >= 4`,
            );
            return rows.map((row) => row['QUERY PLAN']).join('\n');
          });
        expect(plan).toContain('users_mentor_rating_idx');
      });
    }
  });

  describe('testimonials on a profile', () => {
    it('newest first, with the author, the author’s role and the relation’s dates; X-Total-Count', async () => {
      const response = await testimonials(mentor);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-total-count']).toBe('3');
      const body = response.json();
      expect(body.map((entry: { id: number }) => entry.id)).toEqual([
        feedbackIds.cAboutMentor,
        feedbackIds.bAboutMentor,
        feedbackIds.aAboutMentor,
      ]);
      for (const entry of body) expect(Object.keys(entry).sort()).toEqual(TESTIMONIAL_KEYS);
      expect(body[0]).toEqual({
        id: feedbackIds.cAboutMentor,
        rating: 5,
        testimonial: 'Late at first, then great.',
        author: { id: menteeC.id, name: menteeC.name },
        author_role: 'mentee',
        relation: await relationDates(relationC),
        created_at: expect.any(Number),
        updated_at: expect.any(Number),
      });
      expect(body[0].updated_at).toBeGreaterThan(body[0].created_at);
      expect(body[2]).toMatchObject({ rating: 5, testimonial: 'Patient and <clear>.', author_role: 'mentee' });
    });

    it('paged as the directory is: per_page=1&page=2 is the second newest, with Link', async () => {
      const response = await testimonials(mentor, '?per_page=1&page=2', menteeA);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([
        {
          id: feedbackIds.bAboutMentor,
          rating: 4,
          testimonial: 'y'.repeat(1000),
          author: { id: menteeB.id, name: menteeB.name },
          author_role: 'mentee',
          relation: await relationDates(relationB),
          created_at: expect.any(Number),
          updated_at: expect.any(Number),
        },
      ]);
      expect(response.headers['x-total-count']).toBe('3');
      expect(response.headers.link).toContain('rel="next"');
      expect(response.headers.link).toContain('rel="prev"');
      expect(statusAndBody(await testimonials(mentor, '?per_page=1&page=4'))).toEqual({ status: 200, body: [] });
    });

    it('feedback without a testimonial is not listed; the author_role of a mentor is mentor', async () => {
      const response = await testimonials(menteeA);
      expect(statusAndBody(response)).toEqual({ status: 200, body: [] });
      expect(response.headers['x-total-count']).toBe('0');
      await edit(mentor, relationA, { rating: 4, testimonial: 'Asks good questions.' });
      const listed = (await testimonials(menteeA)).json();
      expect(listed).toEqual([
        expect.objectContaining({
          id: feedbackIds.mentorAboutA,
          author: { id: mentor.id, name: mentor.name },
          author_role: 'mentor',
          testimonial: 'Asks good questions.',
        }),
      ]);
    });

    it('a member who does not exist: 404', async () => {
      expectMessage(await testimonials({ id: 999_999 }), 404, TEXT.USER_DOES_NOT_EXIST);
    });
  });

  describe('admins hide a testimonial', () => {
    const hide = (user: Member, id: number, body?: unknown) =>
      call(world, user, 'POST', `/admin/testimonials/${id}/hide`, body);
    const show = (user: Member, id: number) => call(world, user, 'POST', `/admin/testimonials/${id}/show`);

    it('a member who is not an admin is answered as on the other admin routes', async () => {
      const auditLog = await call(world, outsider, 'GET', '/admin/audit_log');
      expectMessage(auditLog, 403, TEXT.NOT_AN_ADMIN);
      expect(statusAndBody(await hide(outsider, feedbackIds.bAboutMentor, { reason: 'mine' }))).toEqual(
        statusAndBody(auditLog),
      );
      expect(statusAndBody(await show(mentor, feedbackIds.bAboutMentor))).toEqual(statusAndBody(auditLog));
      expect(statusAndBody(await hide(outsider, 999_999))).toEqual(statusAndBody(auditLog));
    });

    it('hidden: it leaves the profile, its rating still counts, the parties see it hidden', async () => {
      expect(statusAndBody(await hide(admin, feedbackIds.bAboutMentor, { reason: 'Off-topic.' }))).toEqual({
        status: 200,
        body: { message: TEXT.HIDDEN },
      });
      const listed = await testimonials(mentor);
      expect(listed.json().map((entry: { id: number }) => entry.id)).toEqual([
        feedbackIds.cAboutMentor,
        feedbackIds.aAboutMentor,
      ]);
      expect(listed.headers['x-total-count']).toBe('2');
      expect((await profile(mentor)).ratings.as_mentor).toEqual({ average: 4.67, count: 3 });
      const own = (await call(world, menteeB, 'GET', feedbackUrl(relationB))).json();
      expect(own).toEqual([expect.objectContaining({ id: feedbackIds.bAboutMentor, hidden: true })]);
      // Hiding it again changes nothing.
      expectMessage(await hide(admin, feedbackIds.bAboutMentor), 200, TEXT.HIDDEN);
    });

    it('an edit keeps it hidden', async () => {
      const response = await edit(menteeB, relationB, { rating: 3, testimonial: 'Rewritten.' });
      expect(response.json()).toMatchObject({ rating: 3, testimonial: 'Rewritten.', hidden: true });
      expect((await testimonials(mentor)).headers['x-total-count']).toBe('2');
      // (5 + 3 + 5) / 3
      expect((await profile(mentor)).ratings.as_mentor).toEqual({ average: 4.33, count: 3 });
    });

    it('shown again: back on the profile', async () => {
      expectMessage(await show(admin, feedbackIds.bAboutMentor), 200, TEXT.SHOWN);
      const listed = await testimonials(mentor);
      expect(listed.json().map((entry: { id: number }) => entry.id)).toEqual([
        feedbackIds.cAboutMentor,
        feedbackIds.bAboutMentor,
        feedbackIds.aAboutMentor,
      ]);
      expectMessage(await show(admin, feedbackIds.bAboutMentor), 200, TEXT.SHOWN);
    });

    it('no testimonial to hide: 404; a bad reason: 400', async () => {
      await edit(mentor, relationA, { rating: 4 }); // clears the mentor's testimonial about A
      expectMessage(await hide(admin, feedbackIds.mentorAboutA), 404, TEXT.TESTIMONIAL_DOES_NOT_EXIST);
      expectMessage(await show(admin, feedbackIds.mentorAboutA), 404, TEXT.TESTIMONIAL_DOES_NOT_EXIST);
      expectMessage(await hide(admin, 999_999), 404, TEXT.TESTIMONIAL_DOES_NOT_EXIST);
      expectMessage(
        await hide(admin, feedbackIds.cAboutMentor, { reason: 'z'.repeat(501) }),
        400,
        TEXT.HIDE_REASON_INVALID,
      );
      expectMessage(await hide(admin, feedbackIds.cAboutMentor, { reason: 7 }), 400, TEXT.HIDE_REASON_INVALID);
    });

    it('the audit log has the hiding (with the reason) and the showing, by the admin', async () => {
      const entries = await eventually(async () => {
        const response = await call(world, admin, 'GET', '/admin/audit_log?action=mentorship.testimonial_hidden');
        const body = response.json();
        return Array.isArray(body) && body.length > 0 ? body : undefined;
      }, 15_000);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'mentorship.testimonial_hidden',
        actor_id: admin.id,
        target_type: 'relation_feedback',
        target_id: String(feedbackIds.bAboutMentor),
        details: expect.objectContaining({
          reason: 'Off-topic.',
          authorId: menteeB.id,
          subjectId: mentor.id,
          subjectRole: 'mentor',
        }),
      });
      const shown = await eventually(async () => {
        const body = (await call(world, admin, 'GET', '/admin/audit_log?action=mentorship.testimonial_shown')).json();
        return Array.isArray(body) && body.length > 0 ? body : undefined;
      }, 15_000);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ actor_id: admin.id, target_id: String(feedbackIds.bAboutMentor) });
      // The testimonial's text never reaches the audit log.
      const left = (
        await call(world, admin, 'GET', '/admin/audit_log?action=mentorship.feedback_left&per_page=100')
      ).json();
      expect(JSON.stringify(left)).not.toContain('Patient');
    });
  });

  describe('a deleted account takes its feedback with it', () => {
    let rated: Member;
    let leaving: Member;
    let staying: Member;

    beforeAll(async () => {
      [rated, leaving, staying] = await createMembers(world, 3);
      const first = await createCompleted(world, rated, leaving, 2);
      const second = await createCompleted(world, rated, staying, 1);
      expect((await leave(leaving, first, { rating: 5, testimonial: 'From the leaver.' })).statusCode).toBe(201);
      expect((await leave(rated, first, { rating: 4, testimonial: 'About the leaver.' })).statusCode).toBe(201);
      expect((await leave(staying, second, { rating: 1, testimonial: 'From the stayer.' })).statusCode).toBe(201);
    }, 120_000);

    it('the rated party loses the deleted author’s rating and testimonial; feedback about the deleted is gone', async () => {
      expect((await profile(rated)).ratings.as_mentor).toEqual({ average: 3, count: 2 });
      expect((await call(world, leaving, 'DELETE', '/user')).statusCode).toBe(200);
      await eventually(async () => ((await profile(rated)).ratings?.as_mentor.count === 1 ? true : undefined), 15_000);
      expect((await profile(rated)).ratings).toEqual({
        as_mentor: { average: 1, count: 1 },
        as_mentee: { average: null, count: 0 },
      });
      expect((await testimonials(rated)).json().map((entry: { testimonial: string }) => entry.testimonial)).toEqual([
        'From the stayer.',
      ]);
      const about = await world.sql<{ n: number }>(
        `select count(*)::int as "n" from "relation_feedback" where "author_id" = ? or "subject_id" = ?`,
        [leaving.id, leaving.id],
      );
      expect(about[0].n).toBe(0);
      const [counters] = await world.sql<{ mentee_rating_count: number; mentee_rating_total: number }>(
        `select "mentee_rating_count", "mentee_rating_total" from "users" where "id" = ?`,
        [leaving.id],
      );
      expect(counters).toEqual({ mentee_rating_count: 0, mentee_rating_total: 0 });
      expectMessage(await testimonials(leaving), 404, TEXT.USER_DOES_NOT_EXIST);
    });

    it('a second delivery of the deletion changes nothing', async () => {
      await world.test.app.get(CommandBus).execute(new DetachDeletedUserCommand(leaving.id, null));
      expect((await profile(rated)).ratings.as_mentor).toEqual({ average: 1, count: 1 });
    });
  });

  describe('/docs', () => {
    const ROUTES: Array<[method: string, path: string, statuses: string[], tag: string]> = [
      [
        'post',
        '/mentorship_relation/{request_id}/feedback',
        ['201', '400', '401', '404', '409'],
        'mentorship relations',
      ],
      [
        'put',
        '/mentorship_relation/{request_id}/feedback',
        ['200', '400', '401', '404', '409'],
        'mentorship relations',
      ],
      ['get', '/mentorship_relation/{request_id}/feedback', ['200', '401', '404'], 'mentorship relations'],
      ['get', '/users/{user_id}/testimonials', ['200', '401', '404'], 'users'],
      ['post', '/admin/testimonials/{feedback_id}/hide', ['200', '400', '401', '403', '404'], 'admins'],
      ['post', '/admin/testimonials/{feedback_id}/show', ['200', '401', '403', '404'], 'admins'],
    ];
    type Operation = { responses: Record<string, { description?: string }>; security?: unknown[]; tags?: string[] };
    let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };

    beforeAll(async () => {
      document = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json();
    });

    it.each(ROUTES)('%s %s documents exactly %j, with the bearer token', (method, path, statuses, tag) => {
      const operation = document.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.tags).toEqual([tag]);
    });

    it('every text the routes answer is in their documented statuses', () => {
      const described = (method: string, path: string, status: string) =>
        document.paths[path][method].responses[status].description ?? '';
      const feedback = '/mentorship_relation/{request_id}/feedback';
      for (const method of ['post', 'put']) {
        expect(described(method, feedback, '400')).toContain(TEXT.RATING_INVALID);
        expect(described(method, feedback, '400')).toContain(TEXT.TESTIMONIAL_INVALID);
        expect(described(method, feedback, '404')).toContain(TEXT.RELATION_NOT_FOUND);
        expect(described(method, feedback, '409')).toContain(TEXT.NEEDS_COMPLETED);
        expect(described(method, feedback, '409')).toContain(TEXT.WINDOW_CLOSED);
      }
      expect(described('post', feedback, '409')).toContain(TEXT.ALREADY_LEFT);
      expect(described('put', feedback, '404')).toContain(TEXT.NOT_LEFT);
      expect(described('get', '/users/{user_id}/testimonials', '404')).toContain(TEXT.USER_DOES_NOT_EXIST);
      const hide = '/admin/testimonials/{feedback_id}/hide';
      expect(described('post', hide, '200')).toContain(TEXT.HIDDEN);
      expect(described('post', hide, '400')).toContain(TEXT.HIDE_REASON_INVALID);
      expect(described('post', hide, '403')).toContain(TEXT.NOT_AN_ADMIN);
      expect(described('post', hide, '404')).toContain(TEXT.TESTIMONIAL_DOES_NOT_EXIST);
      expect(described('post', '/admin/testimonials/{feedback_id}/show', '200')).toContain(TEXT.SHOWN);
    });

    it('the body schema names rating (an integer from 1 to 5, required) and testimonial', () => {
      const schema = document.components.schemas.FeedbackBody;
      expect(schema.required).toEqual(['rating']);
      expect(schema.properties.rating).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
      expect(schema.properties.testimonial).toMatchObject({ type: 'string', maxLength: 1000 });
      expect(document.components.schemas.HideTestimonialBody.properties.reason).toMatchObject({ maxLength: 500 });
    });
  });

  if (backend === 'postgresql') {
    it('two concurrent POSTs by one author: one 201, the others 409', async () => {
      const [mentorOfRace, menteeOfRace] = await createMembers(world, 2);
      const id = await createCompleted(world, mentorOfRace, menteeOfRace, 1);
      const replica = await world.startReplica();
      const responses = await Promise.all([
        leave(menteeOfRace, id, { rating: 5 }),
        call(replica, menteeOfRace, 'POST', feedbackUrl(id), { rating: 4 }),
        leave(menteeOfRace, id, { rating: 3 }),
        call(replica, menteeOfRace, 'POST', feedbackUrl(id), { rating: 2 }),
      ]);
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expectMessage(response, 409, TEXT.ALREADY_LEFT);
      }
      const winner = responses.find((response) => response.statusCode === 201)!.json();
      expect((await profile(mentorOfRace)).ratings.as_mentor).toEqual({ average: winner.rating, count: 1 });
    }, 120_000);
  }
});
