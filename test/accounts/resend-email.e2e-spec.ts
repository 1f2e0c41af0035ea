/**
 * POST /user/resend_email (reference §2.1 #3, §4.5, §6).
 */
import { eventually, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SmtpSink } from '../support/smtp-sink';
import {
  APP_URL,
  CONFIRMATION_SUBJECT,
  confirmationPath,
  createVerifiedUser,
  deleteOwnAccount,
  registerUser,
  verificationMails,
} from '../support/accounts';

const SENT = 'Check your email, a new verification email was sent.';

describe('POST /user/resend_email', () => {
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

  const resend = (payload: unknown) =>
    test.app.inject({ method: 'POST', url: '/user/resend_email', payload: payload as object });

  async function registered() {
    const { payload, response } = await registerUser(test, { name: 'Resend Reader' });
    expect(response.statusCode).toBe(201);
    await sink.waitFor(payload.email, CONFIRMATION_SUBJECT);
    return payload;
  }

  it('sends a new verification email with a working link: 200', async () => {
    const user = await registered();
    const response = await resend({ email: user.email });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ message: SENT });

    const mails = await eventually(() => {
      const found = verificationMails(sink, user.email);
      return found.length >= 2 ? found : null;
    });
    expect(mails).toHaveLength(2);
    const resent = mails[1];
    expect(resent.to).toEqual([user.email]);
    expect(resent.html).toContain('Resend Reader');

    const confirmed = await test.app.inject({ method: 'GET', url: confirmationPath(resent) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ message: 'You have confirmed your account. Thanks!' });
  });

  it('every resend sends one more email, and the older links stay valid', async () => {
    const user = await registered();
    for (let i = 0; i < 2; i += 1) {
      const response = await resend({ email: user.email });
      expect(response.statusCode).toBe(200);
    }
    const mails = await eventually(() => {
      const found = verificationMails(sink, user.email);
      return found.length >= 3 ? found : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(verificationMails(sink, user.email)).toHaveLength(3);

    // The first (original) link still works, and the others then say "already confirmed".
    const first = await test.app.inject({ method: 'GET', url: confirmationPath(mails[0]) });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ message: 'You have confirmed your account. Thanks!' });
    const last = await test.app.inject({ method: 'GET', url: confirmationPath(mails[2]) });
    expect(last.statusCode).toBe(200);
    expect(last.json()).toEqual({ message: 'Account already confirmed.' });
  });

  it('an already verified user: 409, and no email', async () => {
    const user = await createVerifiedUser(test, sink);
    const response = await resend({ email: user.email });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ message: 'You already confirm your email.' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(verificationMails(sink, user.email)).toHaveLength(1);
  });

  it('an unknown email: 404', async () => {
    const response = await resend({ email: 'nobody-here@example.org' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'You are not registered in the system.' });
  });

  it('the email of a deleted account: 404', async () => {
    const user = await createVerifiedUser(test, sink);
    await deleteOwnAccount(test, user);
    const response = await resend({ email: user.email });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'You are not registered in the system.' });
  });

  it.each([
    ['an empty object', {}],
    ['other fields only', { username: 'someone_else' }],
  ])('no email field (%s): 400', async (_what, payload) => {
    const response = await resend(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: 'Email field is missing.' });
  });

  it.each(['invalid@emailcom', 'invalidemail.com', '', 'ann lee@example.org'])(
    'an invalid email %j: 400',
    async (email) => {
      const response = await resend({ email });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: 'Your email is invalid.' });
    },
  );

  it('a non-string email is a 400, never a 500', async () => {
    const response = await resend({ email: 12345 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: expect.any(String) });
  });
});
