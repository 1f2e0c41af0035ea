/**
 * GET /user and PUT /user (reference §2.1 #9–10; tests/users/test_api_authentication.py,
 * test_api_update_user.py, test_dao_update_user.py, test_validation_update_user_request_data.py).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  bearer,
  createVerifiedUser,
  deleteOwnAccount,
  FULL_USER_KEYS,
  itRejectsMissingExpiredAndInvalidTokens,
  login,
  newRegistration,
  sessionlessAccessToken,
  type VerifiedUser,
} from '../support/accounts';

const UPDATED = 'User was updated successfully.';
/** flask-restx's isoformat() of a naive datetime: no time zone, microseconds unless zero. */
const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;

describe('own profile', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  let admin: VerifiedUser;
  let adminConfirmedBetween: [number, number];
  let editor: VerifiedUser;
  let other: VerifiedUser;
  let gone: VerifiedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    const before = Date.now();
    admin = await createVerifiedUser(test, sink, { name: 'Ada Admin', available_to_mentor: true });
    adminConfirmedBetween = [before, Date.now()];
    [editor, other, gone] = await Promise.all([
      createVerifiedUser(test, sink, { name: 'Eddie Editor', need_mentoring: true }),
      createVerifiedUser(test, sink, { username: 'taken_username' }),
      createVerifiedUser(test, sink),
    ]);
    await deleteOwnAccount(test, gone);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const getProfile = async (token: string) => {
    const response = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return response.json() as Record<string, unknown>;
  };
  const put = (payload: unknown, token = editor.accessToken) =>
    test.app.inject({ method: 'PUT', url: '/user', headers: bearer(token), payload: payload as object });

  async function expectRejected(payload: unknown, message: string) {
    const before = await getProfile(editor.accessToken);
    const response = await put(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message });
    expect(await getProfile(editor.accessToken)).toEqual(before);
  }

  describe('GET /user', () => {
    it('the full user model of the caller', async () => {
      const body = await getProfile(admin.accessToken);
      expect(Object.keys(body).sort()).toEqual(FULL_USER_KEYS);
      expect(body).toEqual({
        id: admin.id,
        name: 'Ada Admin',
        username: admin.username,
        email: admin.email,
        terms_and_conditions_checked: true,
        is_admin: true,
        registration_date: expect.any(Number),
        is_email_verified: true,
        email_verification_date: expect.stringMatching(NAIVE_ISO),
        bio: null,
        location: null,
        occupation: null,
        organization: null,
        slack_username: null,
        social_media_links: null,
        skills: null,
        interests: null,
        resume_url: null,
        photo_url: null,
        need_mentoring: false,
        available_to_mentor: true,
        current_mentorship_role: null,
        membership_status: null,
      });
    });

    it('email_verification_date is the confirmation time in UTC; registration_date epoch seconds before it', async () => {
      const body = await getProfile(admin.accessToken);
      const confirmedAt = Date.parse(`${body.email_verification_date as string}Z`);
      const [from, to] = adminConfirmedBetween;
      expect(confirmedAt).toBeGreaterThanOrEqual(from - 1000);
      expect(confirmedAt).toBeLessThanOrEqual(to + 1000);
      expect(body.registration_date as number).toBeGreaterThanOrEqual(Math.floor(from / 1000) - 1);
      expect(body.registration_date as number).toBeLessThanOrEqual(confirmedAt / 1000 + 1);
    });

    it('later users are not admins', async () => {
      const body = await getProfile(other.accessToken);
      expect(body).toMatchObject({ id: other.id, username: 'taken_username', is_admin: false });
    });

    it('never includes the password or its hash', async () => {
      const response = await test.app.inject({ method: 'GET', url: '/user', headers: bearer(admin.accessToken) });
      expect(response.body).not.toMatch(/password|argon|Secret_pass/);
    });

    it.each([
      ['a deleted user', () => gone.id],
      ['a user that never existed', () => 987_654],
    ])('a token (without a session) of %s: 404', async (_what, id) => {
      const response = await test.app.inject({
        method: 'GET',
        url: '/user',
        headers: bearer(sessionlessAccessToken(id())),
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'GET', url: '/user' });
  });

  describe('PUT /user', () => {
    it('updates every editable field: 200', async () => {
      const before = await getProfile(editor.accessToken);
      const changes = {
        name: 'Edith Changed',
        username: 'edith_changed',
        bio: 'A new bio',
        location: 'Berlin',
        occupation: 'Developer',
        organization: 'AnitaB.org',
        slack_username: 'edith_slack',
        social_media_links: 'https://social.example/edith',
        skills: 'TypeScript',
        interests: 'Open source',
        resume_url: 'https://cv.example/edith',
        photo_url: 'https://photo.example/edith.png',
        need_mentoring: false,
        available_to_mentor: true,
      };
      const response = await put(changes);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: UPDATED });
      expect(await getProfile(editor.accessToken)).toEqual({ ...before, ...changes });
      editor.username = 'edith_changed';
      editor.name = 'Edith Changed';
    });

    it('changes only the fields sent', async () => {
      const before = await getProfile(editor.accessToken);
      const response = await put({ bio: 'Only the bio' });
      expect(response.statusCode).toBe(200);
      expect(await getProfile(editor.accessToken)).toEqual({ ...before, bio: 'Only the bio' });
    });

    it('empty strings and nulls clear the text fields; an empty name or username is ignored', async () => {
      expect((await put({ location: 'Somewhere', skills: 'Some', interests: 'Some' })).statusCode).toBe(200);
      const before = await getProfile(editor.accessToken);
      const response = await put({ name: '', username: '', bio: '', location: '', occupation: null, skills: null });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: UPDATED });
      expect(await getProfile(editor.accessToken)).toEqual({
        ...before,
        bio: null,
        location: null,
        occupation: null,
        skills: null,
      });
    });

    it('toggles the availability flags', async () => {
      for (const value of [true, false, true]) {
        expect((await put({ available_to_mentor: value, need_mentoring: !value })).statusCode).toBe(200);
        expect(await getProfile(editor.accessToken)).toMatchObject({
          available_to_mentor: value,
          need_mentoring: !value,
        });
      }
    });

    it('cannot change the email, password, admin or verification status, or the id', async () => {
      const before = await getProfile(editor.accessToken);
      const response = await put({
        bio: 'Trying my luck',
        email: 'hijacked@example.org',
        password: 'Hijacked_pass_1',
        password_hash: 'x',
        is_admin: true,
        is_email_verified: false,
        email_verification_date: null,
        registration_date: 1,
        terms_and_conditions_checked: false,
        id: other.id,
      });
      expect(response.statusCode).toBe(200);
      expect(await getProfile(editor.accessToken)).toEqual({ ...before, bio: 'Trying my luck' });
      await expect(login(test, editor.email, editor.password)).resolves.toBeDefined();
      expect((await getProfile(other.accessToken)).bio).toBeNull();
    });

    it('unknown fields alone change nothing: 200', async () => {
      const before = await getProfile(editor.accessToken);
      const response = await put({ favourite_colour: 'green' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ message: UPDATED });
      expect(await getProfile(editor.accessToken)).toEqual(before);
    });

    it('resume_url and photo_url are taken as they come', async () => {
      expect((await put({ resume_url: 'not a url', photo_url: 'also not one' })).statusCode).toBe(200);
      expect(await getProfile(editor.accessToken)).toMatchObject({
        resume_url: 'not a url',
        photo_url: 'also not one',
      });
    });

    describe('no data: 400', () => {
      it('an empty object', async () => {
        await expectRejected({}, 'No data for updating profile was sent.');
      });

      it('no body at all', async () => {
        const response = await test.app.inject({ method: 'PUT', url: '/user', headers: bearer(editor.accessToken) });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ message: 'No data for updating profile was sent.' });
      });
    });

    describe('username', () => {
      it("another user's username: 400 (not 409)", async () => {
        await expectRejected({ username: 'taken_username' }, 'A user with that username already exists.');
      });

      it('your own current username: 400 too', async () => {
        await expectRejected({ username: editor.username }, 'A user with that username already exists.');
      });

      it('a free username is taken over, and the old one is free again', async () => {
        const fresh = newRegistration().username;
        const previous = editor.username;
        expect((await put({ username: fresh })).statusCode).toBe(200);
        editor.username = fresh;
        expect((await getProfile(editor.accessToken)).username).toBe(fresh);
        await expect(login(test, fresh, editor.password)).resolves.toBeDefined();
        expect((await put({ username: previous })).statusCode).toBe(200);
        editor.username = previous;
      });

      it.each([
        ['4 characters', 'abcd'],
        ['26 characters', 'u'.repeat(26)],
        ['4 characters and spaces', 'ab cd'],
      ])('%s: 400', async (_what, username) => {
        await expectRejected(
          { username },
          'The username field has to be longer than 4 characters and shorter than 26 characters.',
        );
      });

      it.each(['bad-name', 'user.name', 'user name'])('%j: 400 invalid', async (username) => {
        await expectRejected({ username }, 'Your new username is invalid.');
      });
    });

    describe('name', () => {
      it.each([
        ['one character', 'A'],
        ['31 characters', 'N'.repeat(31)],
        ['spaces around one character', '   A   '],
      ])('%s: 400', async (_what, name) => {
        await expectRejected(
          { name },
          'The name field has to be longer than 1 characters and shorter than 31 characters.',
        );
      });

      it.each(['Name1', 'Ann_Lee', 'Zoë'])('%j: 400 invalid', async (name) => {
        await expectRejected({ name }, 'Your name is invalid.');
      });

      it('a valid name with a hyphen and spaces: 200', async () => {
        expect((await put({ name: 'Edith Mary-Anne' })).statusCode).toBe(200);
        expect((await getProfile(editor.accessToken)).name).toBe('Edith Mary-Anne');
      });
    });

    describe('maximum lengths (whitespace not counted)', () => {
      it.each([
        ['bio', 450],
        ['location', 60],
        ['occupation', 60],
        ['organization', 60],
        ['slack_username', 60],
        ['social_media_links', 400],
        ['skills', 450],
        ['interests', 150],
      ])('%s: %i characters pass, one more is a 400', async (field, max) => {
        await expectRejected(
          { [field]: 'x'.repeat(max + 1) },
          `The ${field} field has to be shorter than ${max + 1} characters.`,
        );
        const atMax = `${'x'.repeat(max - 2)} ${'y'.repeat(2)}  `;
        const response = await put({ [field]: atMax });
        expect(response.statusCode).toBe(200);
        expect((await getProfile(editor.accessToken))[field]).toBe(atMax);
      });
    });

    describe('availability flags', () => {
      it('need_mentoring null: 400', async () => {
        await expectRejected({ need_mentoring: null }, 'Field need_mentoring is not valid.');
      });

      it('available_to_mentor null: 400', async () => {
        await expectRejected({ available_to_mentor: null }, 'Field available_to_mentor is not valid.');
      });
    });

    describe('the first failing rule wins, in the reference order', () => {
      it.each([
        ['username before name', { username: 'bad-name', name: 'Name1' }, 'Your new username is invalid.'],
        ['name before bio', { name: 'Name1', bio: 'x'.repeat(451) }, 'Your name is invalid.'],
        [
          'bio before location',
          { bio: 'x'.repeat(451), location: 'x'.repeat(61) },
          'The bio field has to be shorter than 451 characters.',
        ],
        [
          'interests before need_mentoring',
          { interests: 'x'.repeat(151), need_mentoring: null },
          'The interests field has to be shorter than 151 characters.',
        ],
        [
          'need_mentoring before available_to_mentor',
          { need_mentoring: null, available_to_mentor: null },
          'Field need_mentoring is not valid.',
        ],
        [
          'validation before the username check',
          { username: 'taken_username', bio: 'x'.repeat(451) },
          'The bio field has to be shorter than 451 characters.',
        ],
      ])('%s', async (_what, payload, message) => {
        await expectRejected(payload, message);
      });

      it('a rejected update changes nothing, not even its valid fields', async () => {
        await expectRejected(
          { bio: 'Should not be saved', location: 'x'.repeat(61) },
          'The location field has to be shorter than 61 characters.',
        );
      });
    });

    it('a non-string text field is a 400, never a 500', async () => {
      for (const payload of [{ bio: 123 }, { name: ['A', 'B'] }, { username: { a: 1 } }]) {
        const response = await put(payload);
        expect({ payload, status: response.statusCode, body: response.json() }).toEqual({
          payload,
          status: 400,
          body: { message: expect.any(String) },
        });
      }
    });

    it.each([
      ['a deleted user', () => gone.id],
      ['a user that never existed', () => 987_654],
    ])('a token (without a session) of %s: 404', async (_what, id) => {
      const response = await put({ bio: 'ghost' }, sessionlessAccessToken(id()));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: 'User does not exist.' });
    });

    itRejectsMissingExpiredAndInvalidTokens(() => test, { method: 'PUT', url: '/user', payload: { bio: 'x' } });
  });
});
