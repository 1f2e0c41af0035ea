/**
 * POST /register (reference §2.1 #1, §4.4, §6; tests/users/test_api_resources.py,
 * test_database_model.py).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  CONFIRMATION_SUBJECT,
  confirmationPath,
  newRegistration,
  registerUser,
  verificationMails,
} from '../support/accounts';

const CREATED =
  'User was created successfully.A confirmation email has been sent via email. After confirming your email you can login.';
const VALIDATION_FAILED = 'Input payload validation failed';

interface UserRow {
  id: number;
  name: string;
  username: string;
  email: string;
  password_hash: string;
  registration_date: number;
  terms_and_conditions_checked: boolean;
  is_admin: boolean;
  is_email_verified: boolean;
  email_verification_date: Date | null;
  need_mentoring: boolean;
  available_to_mentor: boolean;
}

describe('POST /register', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const register = (payload: unknown) =>
    test.app.inject({ method: 'POST', url: '/register', payload: payload as object });
  const userRow = async (username: string) =>
    (await query<UserRow>(db.url, 'select * from users where username = $1', [username]))[0];
  const countUsers = async () => Number((await query<{ n: string }>(db.url, 'select count(*) as n from users'))[0].n);

  /** Asserts a 400 with the reference message and that nothing was stored. */
  async function expectRejected(payload: unknown, message: string) {
    const before = await countUsers();
    const response = await register(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message });
    expect(await countUsers()).toBe(before);
  }

  async function expectSchemaErrors(payload: unknown, errors: Record<string, string>) {
    const before = await countUsers();
    const response = await register(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors, message: VALIDATION_FAILED });
    expect(await countUsers()).toBe(before);
  }

  describe('success', () => {
    it('the first user is created as an unverified admin with default flags, and answers 201', async () => {
      const before = Date.now() / 1000;
      const { payload, response } = await registerUser(test);
      const after = Date.now() / 1000;
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ message: CREATED });

      const row = await userRow(payload.username);
      expect(row).toMatchObject({
        name: payload.name,
        username: payload.username,
        email: payload.email,
        terms_and_conditions_checked: true,
        is_admin: true,
        is_email_verified: false,
        email_verification_date: null,
        need_mentoring: false,
        available_to_mentor: false,
      });
      expect(Number(row.registration_date)).toBeGreaterThanOrEqual(Math.floor(before) - 1);
      expect(Number(row.registration_date)).toBeLessThanOrEqual(after + 1);
    });

    it('stores a password hash, never the password', async () => {
      const { payload, response } = await registerUser(test);
      expect(response.statusCode).toBe(201);
      const row = await userRow(payload.username);
      expect(row.password_hash).toEqual(expect.any(String));
      expect(row.password_hash).not.toContain(payload.password);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('later users are not admins', async () => {
      const { payload, response } = await registerUser(test);
      expect(response.statusCode).toBe(201);
      expect((await userRow(payload.username)).is_admin).toBe(false);
    });

    it.each([
      ['as a mentee', { need_mentoring: true, available_to_mentor: false }],
      ['as a mentor', { need_mentoring: false, available_to_mentor: true }],
      ['as both', { need_mentoring: true, available_to_mentor: true }],
      ['with both flags false', { need_mentoring: false, available_to_mentor: false }],
    ])('registers %s, keeping the availability flags', async (_what, flags) => {
      const { payload, response } = await registerUser(test, flags);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ message: CREATED });
      expect(await userRow(payload.username)).toMatchObject(flags);
    });

    it('ignores extra properties, and cannot be made admin or verified through them', async () => {
      const { payload, response } = await registerUser(test, {
        is_admin: true,
        is_email_verified: true,
        favourite_colour: 'green',
      });
      expect(response.statusCode).toBe(201);
      expect(await userRow(payload.username)).toMatchObject({ is_admin: false, is_email_verified: false });
    });

    it('accepts the length boundaries: name 2 and 30, username 5 and 25, password 8 and 64', async () => {
      const shortest = newRegistration({ name: 'Ab', username: 'abcde', password: 'p'.repeat(8) });
      const longest = newRegistration({
        name: 'N'.repeat(30),
        username: 'u'.repeat(25),
        password: 'p'.repeat(64),
      });
      for (const payload of [shortest, longest]) {
        const response = await register(payload);
        expect({ username: payload.username, status: response.statusCode }).toEqual({
          username: payload.username,
          status: 201,
        });
      }
    });

    it('counts the name length without whitespace, and accepts hyphens in names and underscores in usernames', async () => {
      const { response } = await registerUser(test, { name: 'A   b', username: 'under_score_1' });
      expect(response.statusCode).toBe(201);
      const second = await registerUser(test, { name: 'Mary-Jane Watson' });
      expect(second.response.statusCode).toBe(201);
    });

    it('accepts an email with plus, dots and a sub-domain', async () => {
      const { response } = await registerUser(test, { email: 'first.last+mentor@mail.example.co.uk' });
      expect(response.statusCode).toBe(201);
    });
  });

  describe('the verification email (§6)', () => {
    it('goes to the registering address with the confirmation link under APP_URL', async () => {
      const { payload, response } = await registerUser(test, { name: 'Gwendolyn Mail' });
      expect(response.statusCode).toBe(201);
      const mail = await sink.waitFor(payload.email, CONFIRMATION_SUBJECT);
      expect(mail.subject).toBe(CONFIRMATION_SUBJECT);
      expect(mail.to).toEqual([payload.email]);
      expect(mail.html).toContain('Gwendolyn Mail');
      expect(mail.html).toMatch(/http:\/\/mentorship\.test\/user\/confirm_email\/[A-Za-z0-9._~%-]+/);
      expect(confirmationPath(mail)).toMatch(/^\/user\/confirm_email\/.{16,}$/);
      expect(mail.html).toContain('30 days');
    });

    it('each registration gets its own link', async () => {
      const first = await registerUser(test);
      const second = await registerUser(test);
      const [a, b] = await Promise.all([
        sink.waitFor(first.payload.email, CONFIRMATION_SUBJECT),
        sink.waitFor(second.payload.email, CONFIRMATION_SUBJECT),
      ]);
      expect(confirmationPath(a)).not.toBe(confirmationPath(b));
    });

    it('a rejected registration sends no email', async () => {
      const taken = await registerUser(test);
      expect(taken.response.statusCode).toBe(201);
      const rejected = newRegistration({ username: taken.payload.username });
      expect((await register(rejected)).statusCode).toBe(409);
      const invalid = newRegistration({ password: 'short' });
      expect((await register(invalid)).statusCode).toBe(400);

      // A later, valid registration's email arrives; by then an email for the rejected ones would have too.
      const later = await registerUser(test);
      await sink.waitFor(later.payload.email, CONFIRMATION_SUBJECT);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(verificationMails(sink, rejected.email)).toEqual([]);
      expect(verificationMails(sink, invalid.email)).toEqual([]);
      expect(verificationMails(sink, taken.payload.email)).toHaveLength(1);
    });
  });

  describe('schema validation (flask-restx)', () => {
    it('an empty object lists every required field', async () => {
      await expectSchemaErrors(
        {},
        {
          name: "'name' is a required property",
          username: "'username' is a required property",
          password: "'password' is a required property",
          email: "'email' is a required property",
          terms_and_conditions_checked: "'terms_and_conditions_checked' is a required property",
        },
      );
    });

    it.each(['name', 'username', 'password', 'email', 'terms_and_conditions_checked'])(
      'a missing %s is reported alone',
      async (field) => {
        const payload: Record<string, unknown> = { ...newRegistration() };
        delete payload[field];
        await expectSchemaErrors(payload, { [field]: `'${field}' is a required property` });
      },
    );

    it.each([
      ['name', 123, "123 is not of type 'string'"],
      ['username', ['a'], "['a'] is not of type 'string'"],
      ['password', true, "True is not of type 'string'"],
      ['email', null, "None is not of type 'string'"],
      ['terms_and_conditions_checked', null, "None is not of type 'boolean'"],
      ['terms_and_conditions_checked', 'true', "'true' is not of type 'boolean'"],
      ['need_mentoring', 1, "1 is not of type 'boolean'"],
      ['available_to_mentor', 'yes', "'yes' is not of type 'boolean'"],
    ])('%s = %j is a type error', async (field, value, message) => {
      await expectSchemaErrors(newRegistration({ [field]: value }), { [field]: message });
    });

    it('reports type and presence errors together', async () => {
      const payload: Record<string, unknown> = { ...newRegistration({ name: 5 as unknown as string }) };
      delete payload.email;
      await expectSchemaErrors(payload, {
        name: "5 is not of type 'string'",
        email: "'email' is a required property",
      });
    });

    it('a body that is not an object is a schema error on the whole payload', async () => {
      await expectSchemaErrors([], { '': "[] is not of type 'object'" });
    });
  });

  describe('field rules, in the reference order', () => {
    it('a space in the password', async () => {
      await expectRejected(newRegistration({ password: 'has a space' }), "Password shouldn't contain spaces.");
    });

    it.each([
      ['one character', 'A'],
      ['only spaces', '      '],
      ['one character among spaces', '  A  '],
      ['31 characters', 'N'.repeat(31)],
    ])('a name of %s', async (_what, name) => {
      await expectRejected(
        newRegistration({ name }),
        'The name field has to be longer than 1 characters and shorter than 31 characters.',
      );
    });

    it.each([
      ['4 characters', 'abcd'],
      ['26 characters', 'u'.repeat(26)],
      ['4 characters and spaces', ' ab cd '],
    ])('a username of %s', async (_what, username) => {
      await expectRejected(
        newRegistration({ username }),
        'The username field has to be longer than 4 characters and shorter than 26 characters.',
      );
    });

    it.each([
      ['7 characters', 'p'.repeat(7)],
      ['65 characters', 'p'.repeat(65)],
      ['nothing', ''],
    ])('a password of %s', async (_what, password) => {
      await expectRejected(
        newRegistration({ password }),
        'The password field has to be longer than 7 characters and shorter than 65 characters.',
      );
    });

    it('terms and conditions not checked', async () => {
      await expectRejected(
        newRegistration({ terms_and_conditions_checked: false }),
        'Terms and conditions are not checked.',
      );
    });

    it.each(['Name1', 'Ann_Lee', 'Zoë', 'Ann.Lee'])('an invalid name %j', async (name) => {
      await expectRejected(newRegistration({ name }), 'Your name is invalid.');
    });

    it.each(['invalid@emailcom', 'invalidemail.com', 'a b@example.org', '@example.org', 'ann@', ''])(
      'an invalid email %j',
      async (email) => {
        await expectRejected(newRegistration({ email }), 'Your email is invalid.');
      },
    );

    it.each(['valid-username', 'username with spaces', 'user.name', 'usér_name'])(
      'an invalid username %j',
      async (username) => {
        await expectRejected(newRegistration({ username }), 'Your username is invalid.');
      },
    );

    it.each([
      [
        'a space in the password before a short name',
        { password: 'has a space', name: 'A' },
        "Password shouldn't contain spaces.",
      ],
      [
        'a short name before a short username',
        { name: 'A', username: 'abc' },
        'The name field has to be longer than 1 characters and shorter than 31 characters.',
      ],
      [
        'a short username before a short password',
        { username: 'abc', password: 'short' },
        'The username field has to be longer than 4 characters and shorter than 26 characters.',
      ],
      [
        'a short password before unchecked terms',
        { password: 'short', terms_and_conditions_checked: false },
        'The password field has to be longer than 7 characters and shorter than 65 characters.',
      ],
      [
        'unchecked terms before an invalid name',
        { terms_and_conditions_checked: false, name: 'Name1' },
        'Terms and conditions are not checked.',
      ],
      ['an invalid name before an invalid email', { name: 'Name1', email: 'nope' }, 'Your name is invalid.'],
      [
        'an invalid email before an invalid username',
        { email: 'nope', username: 'bad-name' },
        'Your email is invalid.',
      ],
    ])('%s', async (_what, overrides, message) => {
      await expectRejected(newRegistration(overrides as never), message);
    });
  });

  describe('uniqueness', () => {
    let existing: { username: string; email: string };

    beforeAll(async () => {
      const { payload, response } = await registerUser(test);
      expect(response.statusCode).toBe(201);
      existing = payload;
    });

    it('a taken username: 409', async () => {
      const before = await countUsers();
      const response = await register(newRegistration({ username: existing.username }));
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({ message: 'A user with that username already exists.' });
      expect(await countUsers()).toBe(before);
    });

    it('a taken email: 409', async () => {
      const before = await countUsers();
      const response = await register(newRegistration({ email: existing.email }));
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({ message: 'A user with that email already exists.' });
      expect(await countUsers()).toBe(before);
    });

    it('both taken: the username is checked first', async () => {
      const response = await register(newRegistration({ username: existing.username, email: existing.email }));
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({ message: 'A user with that username already exists.' });
    });

    it('validation runs before the uniqueness checks', async () => {
      const response = await register(newRegistration({ username: existing.username, password: 'short' }));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        message: 'The password field has to be longer than 7 characters and shorter than 65 characters.',
      });
    });

    it('two simultaneous registrations of one username: one 201, one 409, never a 500', async () => {
      const username = newRegistration().username;
      const responses = await Promise.all([
        register(newRegistration({ username })),
        register(newRegistration({ username })),
      ]);
      const outcomes = responses.map((response) => ({ status: response.statusCode, body: response.json() }));
      outcomes.sort((a, b) => a.status - b.status);
      expect(outcomes).toEqual([
        { status: 201, body: { message: CREATED } },
        { status: 409, body: { message: 'A user with that username already exists.' } },
      ]);
      expect(await query(db.url, 'select id from users where username = $1', [username])).toHaveLength(1);
    });
  });
});
