/**
 * POST /mentorship_relation/send_request (reference §2.3 #18, §4.1, §6; tests/mentorship_relation/
 * test_api_send_request.py, test_dao_creation.py), plus the contract beyond the reference: 409 on a
 * duplicate pending request (#866), typed end_date and notes checks.
 */
import { deleteOwnAccount, itRejectsMissingExpiredAndInvalidTokens, withClockAt } from '../support/accounts';
import { query } from '../support/database';
import {
  countRelations,
  createAccepted,
  createCancelled,
  createMember,
  createRejected,
  createRequest,
  deletedUserToken,
  deleteRelation,
  expectMessage,
  listAs,
  mailCount,
  MemberPool,
  MSG,
  newestRelationId,
  RELATION_KEYS,
  relationRow,
  REQUEST_SUBJECT,
  requestBody,
  sendRequest,
  sleep,
  startMentorshipEnv,
  STATE,
  validEndDate,
  WEEK,
  type Member,
  type MentorshipEnv,
  type RequestBody,
} from './support';

describe('POST /mentorship_relation/send_request', () => {
  let env: MentorshipEnv;
  let pool: MemberPool;
  let mentorOnly: Member;
  let menteeOnly: Member;
  let neither: Member;
  let gone: Member;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    await createMember(env); // the first user, the admin, who must stay
    [mentorOnly, menteeOnly, neither, gone] = await Promise.all([
      createMember(env, { mentor: true }, { name: 'Mona Mentor Only' }),
      createMember(env, { mentee: true }, { name: 'Mette Mentee Only' }),
      createMember(env, {}),
      createMember(env),
    ]);
    await deleteOwnAccount(env.test, gone);
    pool = await MemberPool.create(env, 110);
  });

  afterAll(async () => {
    await env?.close();
  });

  const send = (sender: Member, payload: unknown) => sendRequest(env.test, sender, payload);

  /** Asserts the exact error and that no relation was created (removing any, so nothing cascades). */
  async function expectRefused(sender: Member, payload: unknown, status: number, message: string) {
    const before = await countRelations(env.db);
    const response = await send(sender, payload);
    const after = await countRelations(env.db);
    if (after !== before) {
      await query(
        env.db.url,
        'delete from mentorship_relations where id > (select max(id) from mentorship_relations) - $1',
        [after - before],
      );
    }
    expectMessage(response, status, message);
    expect(after).toBe(before);
  }

  describe('success', () => {
    it('the mentor sends to a mentee: 201, and a PENDING relation sent by the mentor', async () => {
      const [mentor, mentee] = await pool.take(2);
      const endDate = validEndDate(6);
      const before = Date.now() / 1000;
      const response = await send(mentor, requestBody(mentor, mentee, { end_date: endDate, notes: 'Let us work' }));
      const after = Date.now() / 1000;
      expectMessage(response, 201, MSG.sent);

      const id = await newestRelationId(env.db, mentor, mentor, mentee);
      expect(id).toEqual(expect.any(Number));
      const row = await relationRow(env.db, id!);
      expect(row).toEqual({
        id,
        mentor_id: mentor.id,
        mentee_id: mentee.id,
        action_user_id: mentor.id,
        creation_date: expect.any(Number),
        accept_date: null,
        start_date: null,
        end_date: expect.closeTo(endDate, 3),
        state: STATE.PENDING,
        notes: 'Let us work',
      });
      expect(row!.creation_date).toBeGreaterThanOrEqual(before - 1);
      expect(row!.creation_date).toBeLessThanOrEqual(after + 1);
    });

    it('the mentee sends to a mentor: 201; both see it, sender with sent_by_me true', async () => {
      const [mentor, mentee] = await pool.take(2);
      const endDate = validEndDate(10);
      const before = Date.now() / 1000;
      expectMessage(await send(mentee, requestBody(mentor, mentee, { end_date: endDate })), 201, MSG.sent);
      const after = Date.now() / 1000;

      const mine = await listAs(env.test, mentee);
      const theirs = await listAs(env.test, mentor);
      expect(mine).toHaveLength(1);
      expect(Object.keys(mine[0]).sort()).toEqual(RELATION_KEYS);
      const expected = {
        id: expect.any(Number),
        action_user_id: mentee.id,
        mentor: { id: mentor.id, name: mentor.name },
        mentee: { id: mentee.id, name: mentee.name },
        creation_date: expect.any(Number),
        accept_date: null,
        start_date: null,
        end_date: expect.closeTo(endDate, 3),
        state: STATE.PENDING,
        notes: 'some notes',
      };
      expect(mine[0]).toEqual({ ...expected, sent_by_me: true });
      expect(theirs).toEqual([{ ...expected, id: mine[0].id, sent_by_me: false }]);
      expect(mine[0].creation_date as number).toBeGreaterThanOrEqual(before - 1);
      expect(mine[0].creation_date as number).toBeLessThanOrEqual(after + 1);
    });

    it('emails the recipient (not the sender) "new relation request" with names, role and notes', async () => {
      const [mentor, mentee] = await pool.take(2);
      expectMessage(await send(mentee, requestBody(mentor, mentee, { notes: 'Teach me graph theory' })), 201, MSG.sent);
      const mail = await env.sink.waitFor(mentor.email, REQUEST_SUBJECT);
      expect(mail.text).toContain(mentor.name);
      expect(mail.text).toContain(mentee.name);
      expect(mail.text).toContain('would like to be your mentee');
      expect(mail.text).toContain('Teach me graph theory');
      expect(mail.html).toContain('Teach me graph theory');

      const [mentor2, mentee2] = await pool.take(2);
      expectMessage(await send(mentor2, requestBody(mentor2, mentee2)), 201, MSG.sent);
      const second = await env.sink.waitFor(mentee2.email, REQUEST_SUBJECT);
      expect(second.text).toContain('would like to be your mentor');
      expect(second.text).toContain(mentor2.name);

      expect(mailCount(env.sink, mentor.email, REQUEST_SUBJECT)).toBe(1);
      expect(mailCount(env.sink, mentee.email, REQUEST_SUBJECT)).toBe(0);
      expect(mailCount(env.sink, mentor2.email, REQUEST_SUBJECT)).toBe(0);
    });

    it('notes with markup are escaped in the HTML of the email', async () => {
      const [mentor, mentee] = await pool.take(2);
      const notes = '<script>alert(1)</script> & <b>bold</b>';
      expectMessage(await send(mentee, requestBody(mentor, mentee, { notes })), 201, MSG.sent);
      const mail = await env.sink.waitFor(mentor.email, REQUEST_SUBJECT);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>bold</b>');
      expect(mail.text).toContain(notes);
    });

    it('only the role flags of each side matter: a mentor-only user mentors a mentee-only user, whoever sends', async () => {
      expectMessage(await send(menteeOnly, requestBody(mentorOnly, menteeOnly)), 201, MSG.sent);
      const [other] = await pool.take(1);
      expectMessage(await send(mentorOnly, requestBody(mentorOnly, other)), 201, MSG.sent);
      expectMessage(await send(other, requestBody(other, menteeOnly)), 201, MSG.sent);
    });

    it('a user may have several pending requests, sent and received', async () => {
      const [me, a, b, c] = await pool.take(4);
      expectMessage(await send(me, requestBody(a, me)), 201, MSG.sent);
      expectMessage(await send(me, requestBody(b, me)), 201, MSG.sent);
      expectMessage(await send(c, requestBody(me, c)), 201, MSG.sent);
      expect(await listAs(env.test, me, '/mentorship_relations/pending')).toHaveLength(3);
    });

    it.each([
      ['empty notes', ''],
      ['notes of exactly 400 characters', 'n'.repeat(400)],
      ['unicode notes', 'Zusammenarbeit – 協力 ✓'],
    ])('%s: 201, kept exactly', async (_what, notes) => {
      const [mentor, mentee] = await pool.take(2);
      expectMessage(await send(mentee, requestBody(mentor, mentee, { notes })), 201, MSG.sent);
      const [relation] = await listAs(env.test, mentee);
      expect(relation.notes).toBe(notes);
    });

    it('an integer end date (as the reference tests send): 201', async () => {
      const [mentor, mentee] = await pool.take(2);
      const endDate = Math.floor(validEndDate(5));
      expectMessage(await send(mentee, requestBody(mentor, mentee, { end_date: endDate })), 201, MSG.sent);
      const [relation] = await listAs(env.test, mentee);
      expect(relation.end_date).toBe(endDate);
    });

    it('extra body fields are ignored: 201', async () => {
      const [mentor, mentee] = await pool.take(2);
      const body = { ...requestBody(mentor, mentee), state: STATE.ACCEPTED, action_user_id: mentor.id };
      expectMessage(await send(mentee, body), 201, MSG.sent);
      const [relation] = await listAs(env.test, mentee);
      expect(relation).toMatchObject({ state: STATE.PENDING, action_user_id: mentee.id });
    });

    describe('the duration limits are inclusive (the clock held still)', () => {
      it('exactly 4 weeks: 201; a second less: 400 minimum', async () => {
        const [mentor, mentee] = await pool.take(2);
        const now = Date.now();
        const tooShort = await withClockAt(now, () =>
          send(mentee, requestBody(mentor, mentee, { end_date: now / 1000 + 4 * WEEK - 1 })),
        );
        expectMessage(tooShort, 400, MSG.minDuration);
        const exact = await withClockAt(now, () =>
          send(mentee, requestBody(mentor, mentee, { end_date: now / 1000 + 4 * WEEK })),
        );
        expectMessage(exact, 201, MSG.sent);
      });

      it('exactly 24 weeks: 201; a second more: 400 maximum', async () => {
        const [mentor, mentee] = await pool.take(2);
        const now = Date.now();
        const tooLong = await withClockAt(now, () =>
          send(mentee, requestBody(mentor, mentee, { end_date: now / 1000 + 24 * WEEK + 1 })),
        );
        expectMessage(tooLong, 400, MSG.maxDuration);
        const exact = await withClockAt(now, () =>
          send(mentee, requestBody(mentor, mentee, { end_date: now / 1000 + 24 * WEEK })),
        );
        expectMessage(exact, 201, MSG.sent);
      });
    });
  });

  describe('missing fields (key presence, in this order)', () => {
    let mentor: Member;
    let mentee: Member;
    beforeAll(async () => {
      [mentor, mentee] = await pool.take(2);
    });

    const without = (...keys: string[]) => {
      const body: RequestBody = requestBody(mentor, mentee);
      for (const key of keys) delete body[key];
      return body;
    };

    it.each([
      ['an empty object', [], MSG.mentorIdMissing, true],
      ['no mentor_id', ['mentor_id'], MSG.mentorIdMissing, false],
      [
        'no mentor_id and nothing else either',
        ['mentor_id', 'mentee_id', 'end_date', 'notes'],
        MSG.mentorIdMissing,
        false,
      ],
      ['no mentee_id', ['mentee_id'], MSG.menteeIdMissing, false],
      ['no mentee_id, end_date or notes', ['mentee_id', 'end_date', 'notes'], MSG.menteeIdMissing, false],
      ['no end_date', ['end_date'], MSG.endDateMissing, false],
      ['no end_date or notes', ['end_date', 'notes'], MSG.endDateMissing, false],
      ['no notes', ['notes'], MSG.notesMissing, false],
    ] as Array<[string, string[], string, boolean]>)('%s: 400 %j', async (_what, keys, message, empty) => {
      await expectRefused(mentee, empty ? {} : without(...keys), 400, message);
    });

    it('a missing key is checked before the caller must be one of the parties', async () => {
      const [stranger] = await pool.take(1);
      await expectRefused(stranger, without('notes'), 400, MSG.notesMissing);
    });
  });

  describe('the caller must be the mentor or the mentee', () => {
    it("neither id is the caller's (mentee id unknown): 400", async () => {
      const [me, other] = await pool.take(2);
      await expectRefused(me, requestBody(other, { id: 4321 }), 400, MSG.matchEither);
    });

    it('two other users: 400', async () => {
      const [me, a, b] = await pool.take(3);
      await expectRefused(me, requestBody(a, b), 400, MSG.matchEither);
    });

    it("the caller's id as a string does not count: 400", async () => {
      const [me, other] = await pool.take(2);
      await expectRefused(me, requestBody(other, me, { mentee_id: String(me.id) }), 400, MSG.matchEither);
    });

    it('checked before mentor == mentee and before the end date', async () => {
      const [me, other] = await pool.take(2);
      await expectRefused(me, requestBody(other, other, { end_date: 'soon' }), 400, MSG.matchEither);
    });
  });

  describe('a relation with yourself', () => {
    it('mentor_id == mentee_id == caller: 400', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, me), 400, MSG.withYourself);
    });

    it('checked before the end date', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, me, { end_date: 1580338800000000 }), 400, MSG.withYourself);
    });
  });

  describe('end_date', () => {
    let mentor: Member;
    let mentee: Member;
    beforeAll(async () => {
      [mentor, mentee] = await pool.take(2);
    });

    it.each([
      ['out of the datetime range (reference test value)', 1580338800000000],
      ['year 10000', 253402300800],
      ['before year 1', -62135596801],
      ['a huge negative number', -1e20],
      ['a string', '2031-01-01'],
      ['a numeric string', String(Math.floor(Date.now() / 1000) + 8 * WEEK)],
      ['null', null],
      ['an object', { seconds: 1 }],
      ['an array', [1]],
      ['"NaN"', 'NaN'],
      ['"Infinity"', 'Infinity'],
    ])('%s: 400 invalid end date', async (_what, endDate) => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: endDate }), 400, MSG.invalidEndDate);
    });

    it.each([
      ['1e400 (Infinity once parsed)', '1e400'],
      ['-1e400', '-1e400'],
    ])('%s: 400 invalid end date', async (_what, literal) => {
      const body = JSON.stringify(requestBody(mentor, mentee, { end_date: 0 })).replace(
        '"end_date":0',
        `"end_date":${literal}`,
      );
      const before = await countRelations(env.db);
      const response = await env.test.app.inject({
        method: 'POST',
        url: '/mentorship_relation/send_request',
        headers: { authorization: `Bearer ${mentee.accessToken}`, 'content-type': 'application/json' },
        payload: body,
      });
      expectMessage(response, 400, MSG.invalidEndDate);
      expect(await countRelations(env.db)).toBe(before);
    });

    it('the last second of year 9999 is a valid date, only far too far away: 400 maximum', async () => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: 253402300799 }), 400, MSG.maxDuration);
    });

    it('the first second of year 1 is a valid date, only past: 400 passed', async () => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: -62135596800 }), 400, MSG.endDatePassed);
    });

    it.each([
      ['a minute ago', () => Date.now() / 1000 - 60],
      ['the epoch', () => 0],
      ['a negative timestamp', () => -1],
    ])('%s: 400 passed', async (_what, endDate) => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: endDate() }), 400, MSG.endDatePassed);
    });

    it.each([
      ['24 weeks and a minute', () => Date.now() / 1000 + 24 * WEEK + 60],
      ['in the year 2286', () => 1e10],
    ])('%s: 400 maximum', async (_what, endDate) => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: endDate() }), 400, MSG.maxDuration);
    });

    it.each([
      ['4 weeks less a minute', () => Date.now() / 1000 + 4 * WEEK - 60],
      ['in a minute', () => Date.now() / 1000 + 60],
    ])('%s: 400 minimum', async (_what, endDate) => {
      await expectRefused(mentee, requestBody(mentor, mentee, { end_date: endDate() }), 400, MSG.minDuration);
    });

    it('checked before the users exist', async () => {
      await expectRefused(mentee, requestBody({ id: 987_654 }, mentee, { end_date: 'x' }), 400, MSG.invalidEndDate);
      await expectRefused(mentee, requestBody({ id: 987_654 }, mentee, { end_date: 1 }), 400, MSG.endDatePassed);
      await expectRefused(mentor, requestBody(mentor, { id: 987_654 }, { end_date: 1e10 }), 400, MSG.maxDuration);
    });
  });

  describe('the mentor and the mentee', () => {
    it('an unknown mentor id: 404 (reference test_fail_send_request_bad_mentor_id)', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody({ id: 1234 }, me), 404, MSG.mentorMissing);
    });

    it('an unknown mentee id: 404 (reference test_fail_send_request_bad_mentee_id)', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, { id: 1234 }), 404, MSG.menteeMissing);
    });

    it('a deleted user as mentor or mentee: 404', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(gone, me), 404, MSG.mentorMissing);
      await expectRefused(me, requestBody(me, gone), 404, MSG.menteeMissing);
    });

    it('the caller deleted since, as mentee: 404 mentee (the reference looks the mentee up after the mentor)', async () => {
      const [mentor] = await pool.take(1);
      const caller = await deletedUserToken(env);
      await expectRefused(caller as Member, requestBody(mentor, caller), 404, MSG.menteeMissing);
    });

    const notPositiveIntegers = (existing: () => Member): Array<[string, () => unknown]> => [
      ['null', () => null],
      ['a word', () => 'abc'],
      ['0', () => 0],
      ['a negative number', () => -3],
      ['a fraction', () => 2.5],
      ['an object', () => ({ id: existing().id })],
      ['an array', () => [existing().id]],
      ["an existing user's id as a string", () => String(existing().id)],
    ];

    it.each(notPositiveIntegers(() => mentorOnly))('mentor_id %s (caller the mentee): 404 mentor', async (_w, id) => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, me, { mentor_id: id() }), 404, MSG.mentorMissing);
    });

    it.each(notPositiveIntegers(() => menteeOnly))('mentee_id %s (caller the mentor): 404 mentee', async (_w, id) => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, me, { mentee_id: id() }), 404, MSG.menteeMissing);
    });

    it.each([
      ['beyond 32 bits', 2147483648],
      ['a huge integer', 1e20],
    ])('an unknown id %s: 404, never a 500', async (_what, id) => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody({ id }, me), 404, MSG.mentorMissing);
      await expectRefused(me, requestBody(me, { id }), 404, MSG.menteeMissing);
    });

    it('a mentor that is not available to mentor: 400', async () => {
      await expectRefused(menteeOnly, requestBody(neither, menteeOnly), 400, MSG.mentorNotAvailable);
      await expectRefused(menteeOnly, requestBody(menteeOnly, mentorOnly), 400, MSG.mentorNotAvailable);
    });

    it('a mentee that does not need mentoring: 400', async () => {
      await expectRefused(mentorOnly, requestBody(mentorOnly, neither), 400, MSG.menteeNotAvailable);
    });

    it('the sender is checked like anyone else: flags off, no request', async () => {
      const [other] = await pool.take(1);
      await expectRefused(neither, requestBody(neither, other), 400, MSG.mentorNotAvailable);
      await expectRefused(neither, requestBody(other, neither), 400, MSG.menteeNotAvailable);
    });

    it('order: mentor availability before the mentee exists; mentee existence before its availability', async () => {
      await expectRefused(menteeOnly, requestBody(menteeOnly, { id: 987_654 }), 400, MSG.mentorNotAvailable);
      await expectRefused(neither, requestBody({ id: 987_654 }, neither), 404, MSG.mentorMissing);
    });
  });

  describe('users already in an ACCEPTED relation', () => {
    let busyMentor: Member; // mentor in an accepted relation
    let busyMentee: Member; // mentee in that relation
    let busyMentor2: Member;
    let busyMentee2: Member;

    beforeAll(async () => {
      [busyMentor, busyMentee, busyMentor2, busyMentee2] = await pool.take(4);
      await createAccepted(env, busyMentee, busyMentor, busyMentee);
      await createAccepted(env, busyMentor2, busyMentor2, busyMentee2);
    });

    it('the mentor (in a relation as mentor) is busy: 400 mentor', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(busyMentor, me), 400, MSG.mentorInRelation);
    });

    it('the mentor (in a relation as mentee) is busy: 400 mentor', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(busyMentee, me), 400, MSG.mentorInRelation);
    });

    it('the mentee (in a relation as mentee) is busy: 400 mentee', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, busyMentee2), 400, MSG.menteeInRelation);
    });

    it('the mentee (in a relation as mentor) is busy: 400 mentee', async () => {
      const [me] = await pool.take(1);
      await expectRefused(me, requestBody(me, busyMentor), 400, MSG.menteeInRelation);
    });

    it('the caller is the busy one: 400 with their role', async () => {
      const [free] = await pool.take(1);
      await expectRefused(busyMentee, requestBody(free, busyMentee), 400, MSG.menteeInRelation);
      await expectRefused(busyMentor, requestBody(busyMentor, free), 400, MSG.mentorInRelation);
    });

    it('both busy: 400 mentor first; even between the partners themselves', async () => {
      await expectRefused(busyMentor, requestBody(busyMentor, busyMentee2), 400, MSG.mentorInRelation);
      await expectRefused(busyMentee, requestBody(busyMentor, busyMentee), 400, MSG.mentorInRelation);
    });

    it('order: a missing or unavailable mentee comes before the busy mentor', async () => {
      await expectRefused(busyMentor, requestBody(busyMentor, { id: 987_654 }), 404, MSG.menteeMissing);
      await expectRefused(busyMentor, requestBody(busyMentor, mentorOnly), 400, MSG.menteeNotAvailable);
    });

    it('after a cancellation both are free again: 201', async () => {
      const [mentor, mentee, next] = await pool.take(3);
      await createCancelled(env, mentee, mentor, mentee);
      expectMessage(await send(mentee, requestBody(next, mentee)), 201, MSG.sent);
      expectMessage(await send(mentor, requestBody(mentor, next)), 201, MSG.sent);
    });
  });

  describe('notes (beyond the reference)', () => {
    let mentor: Member;
    let mentee: Member;
    beforeAll(async () => {
      [mentor, mentee] = await pool.take(2);
    });

    it.each([
      ['a number', 5],
      ['null', null],
      ['an object', { text: 'hi' }],
      ['an array', ['hi']],
      ['a boolean', true],
    ])('%s: 400 must be a string', async (_what, notes) => {
      await expectRefused(mentee, requestBody(mentor, mentee, { notes }), 400, MSG.notesNotString);
    });

    it('401 characters: 400 too long', async () => {
      await expectRefused(mentee, requestBody(mentor, mentee, { notes: 'n'.repeat(401) }), 400, MSG.notesTooLong);
    });
  });

  describe('a duplicate pending request (beyond the reference, #866): 409', () => {
    it('the same sender again: 409, nothing created, no second email', async () => {
      const [mentor, mentee] = await pool.take(2);
      expectMessage(await send(mentee, requestBody(mentor, mentee)), 201, MSG.sent);
      await env.sink.waitFor(mentor.email, REQUEST_SUBJECT);
      await expectRefused(mentee, requestBody(mentor, mentee), 409, MSG.alreadyPending);
      await expectRefused(
        mentee,
        requestBody(mentor, mentee, { end_date: validEndDate(12), notes: 'again' }),
        409,
        MSG.alreadyPending,
      );
      await sleep(1000);
      expect(mailCount(env.sink, mentor.email, REQUEST_SUBJECT)).toBe(1);
    });

    it('the other party with the same roles: 409', async () => {
      const [mentor, mentee] = await pool.take(2);
      await createRequest(env, mentee, mentor, mentee);
      await expectRefused(mentor, requestBody(mentor, mentee), 409, MSG.alreadyPending);
    });

    it('the same two users with the roles swapped: 201', async () => {
      const [a, b] = await pool.take(2);
      await createRequest(env, a, a, b);
      expectMessage(await send(a, requestBody(b, a)), 201, MSG.sent);
    });

    it('after the pending request is deleted: 201', async () => {
      const [mentor, mentee] = await pool.take(2);
      const id = await createRequest(env, mentee, mentor, mentee);
      expectMessage(await deleteRelation(env.test, mentee, id), 200, MSG.deleted);
      expectMessage(await send(mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    });

    it('after it is rejected: 201 (reference rejection path, then a new try)', async () => {
      const [mentor, mentee] = await pool.take(2);
      await createRejected(env, mentee, mentor, mentee);
      expectMessage(await send(mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    });

    it('after an accepted relation between them was cancelled: 201', async () => {
      const [mentor, mentee] = await pool.take(2);
      await createCancelled(env, mentor, mentor, mentee);
      expectMessage(await send(mentor, requestBody(mentor, mentee)), 201, MSG.sent);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, {
    method: 'POST',
    url: '/mentorship_relation/send_request',
    payload: { mentor_id: 1, mentee_id: 2, end_date: validEndDate(), notes: 'some notes' },
  });
});
