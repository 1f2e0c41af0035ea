/**
 * PUT /user/change_password (reference §2.1 #12, §4.7; tests/users/test_api_change_password.py).
 */
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  bearer,
  createVerifiedUser,
  deleteOwnAccount,
  itRejectsMissingExpiredAndInvalidTokens,
  login,
  sessionlessAccessToken,
  type VerifiedUser,
} from '../support/accounts';

const UPDATED = 'Password was updated successfully.';
const VALIDATION_FAILED = 'Input payload validation failed';
const LENGTH = 'The new_password field has to be longer than 7 characters and shorter than 65 characters.';

describe('PUT /user/change_password', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;
  /** Only the validation tests use it; its password never changes. */
  let user: VerifiedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL } });
    user = await createVerifiedUser(test, sink);
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  const change = (payload: unknown, token = user.accessToken) =>
    test.app.inject({
      method: 'PUT',
      url: '/user/change_password',
      headers: bearer(token),
      payload: payload as object,
    });
  const passwordHash = async (id: number) =>
    (await query<{ password_hash: string }>(db.url, 'select password_hash from users where id = $1', [id]))[0]
      .password_hash;

  async function expectRejected(payload: unknown, body: Record<string, unknown>) {
    const before = await passwordHash(user.id);
    const response = await change(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(body);
    expect(await passwordHash(user.id)).toBe(before);
  }

  it('the right current password and a valid new one: 201; only the new password logs in', async () => {
    const changer = await createVerifiedUser(test, sink);
    const before = await passwordHash(changer.id);
    const response = await change(
      { current_password: changer.password, new_password: 'Brand_new_pass_1' },
      changer.accessToken,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ message: UPDATED });

    const after = await passwordHash(changer.id);
    expect(after).not.toBe(before);
    expect(after).not.toContain('Brand_new_pass_1');
    await expect(login(test, changer.username, 'Brand_new_pass_1')).resolves.toBeDefined();
    const old = await test.app.inject({
      method: 'POST',
      url: '/login',
      payload: { username: changer.username, password: changer.password },
    });
    expect(old.statusCode).toBe(401);
    expect(old.json()).toEqual({ message: 'Username or password is wrong.' });
  });

  it('accepts the length boundaries (8 and 64, whitespace other than spaces not counted)', async () => {
    const changer = await createVerifiedUser(test, sink);
    let current = changer.password;
    for (const next of ['p'.repeat(8), 'q'.repeat(64), `${'r'.repeat(8)}\t`]) {
      const response = await change({ current_password: current, new_password: next }, changer.accessToken);
      expect({ next, status: response.statusCode }).toEqual({ next, status: 201 });
      current = next;
    }
    await expect(login(test, changer.username, current)).resolves.toBeDefined();
  });

  describe('schema validation (flask-restx)', () => {
    it('an empty object lists both fields', async () => {
      await expectRejected(
        {},
        {
          errors: {
            current_password: "'current_password' is a required property",
            new_password: "'new_password' is a required property",
          },
          message: VALIDATION_FAILED,
        },
      );
    });

    it.each(['current_password', 'new_password'])('a missing %s', async (field) => {
      const payload: Record<string, unknown> = { current_password: user.password, new_password: 'Other_pass_123' };
      delete payload[field];
      await expectRejected(payload, {
        errors: { [field]: `'${field}' is a required property` },
        message: VALIDATION_FAILED,
      });
    });

    it.each([
      ['new_password', 123, "123 is not of type 'string'"],
      ['new_password', null, "None is not of type 'string'"],
      ['current_password', false, "False is not of type 'string'"],
      ['current_password', ['x'], "['x'] is not of type 'string'"],
    ])('%s = %j', async (field, value, message) => {
      await expectRejected(
        { current_password: user.password, new_password: 'Other_pass_123', [field]: value },
        { errors: { [field]: message }, message: VALIDATION_FAILED },
      );
    });
  });

  describe('rules, in the reference order', () => {
    it('the new password equals the current one', async () => {
      await expectRejected(
        { current_password: user.password, new_password: user.password },
        { message: 'New password should not be same as the current password.' },
      );
    });

    it('a space in the new password', async () => {
      await expectRejected(
        { current_password: user.password, new_password: 'has a space 123' },
        { message: "Password shouldn't contain spaces." },
      );
    });

    it.each([
      ['empty', ''],
      ['7 characters', 'p'.repeat(7)],
      ['65 characters', 'p'.repeat(65)],
      ['7 characters and a tab', `${'p'.repeat(7)}\t`],
    ])('a new password %s', async (_what, newPassword) => {
      await expectRejected({ current_password: user.password, new_password: newPassword }, { message: LENGTH });
    });

    it('a wrong current password', async () => {
      await expectRejected(
        { current_password: 'Not_my_password_1', new_password: 'Other_pass_123' },
        { message: 'Current password is incorrect.' },
      );
    });

    it.each([
      [
        'same-as-current before the current password check',
        { current_password: 'Not_my_password_1', new_password: 'Not_my_password_1' },
        'New password should not be same as the current password.',
      ],
      [
        'a space before the current password check',
        { current_password: 'Not_my_password_1', new_password: 'has a space 123' },
        "Password shouldn't contain spaces.",
      ],
      [
        'the length before the current password check',
        { current_password: 'Not_my_password_1', new_password: 'short' },
        LENGTH,
      ],
    ])('%s', async (_what, payload, message) => {
      await expectRejected(payload, { message });
    });

    it('a space before the length', async () => {
      await expectRejected(
        { current_password: user.password, new_password: 'a b' },
        { message: "Password shouldn't contain spaces." },
      );
    });

    it('the old password still works after rejected changes', async () => {
      await expect(login(test, user.username, user.password)).resolves.toBeDefined();
    });
  });

  it.each([
    ['a deleted user', true],
    ['a user that never existed', false],
  ])('a token (without a session) of %s: 404', async (_what, deleted) => {
    let id = 987_654;
    let password = 'Whatever_pass_1';
    if (deleted) {
      const gone = await createVerifiedUser(test, sink);
      await deleteOwnAccount(test, gone);
      id = gone.id;
      password = gone.password;
    }
    const response = await change(
      { current_password: password, new_password: 'Ghost_pass_123' },
      sessionlessAccessToken(id),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'User does not exist.' });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => test, {
    method: 'PUT',
    url: '/user/change_password',
    payload: { current_password: 'Secret_pass_123', new_password: 'Other_pass_123' },
  });
});
