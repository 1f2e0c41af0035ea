import { Mailer } from '@app/platform';
import { startTestApp, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/database';
import { SmtpSink } from './support/smtp-sink';

describe('Mailer over real SMTP', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let test: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sink = await new SmtpSink().start();
    test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, MAIL_FROM: 'mentors@example.org' } });
  });

  afterAll(async () => {
    await test?.close();
    await sink?.stop();
    await db?.drop();
  });

  it('delivers to SMTP_URL from MAIL_FROM', async () => {
    await test.app.get(Mailer).send({
      to: 'ann@example.org',
      subject: 'Mentorship System - Please confirm your email',
      html: '<p>Hi Ann</p>',
      text: 'Hi Ann',
    });
    const mail = await sink.waitFor('ann@example.org');
    expect(mail).toMatchObject({
      from: 'mentors@example.org',
      subject: 'Mentorship System - Please confirm your email',
      html: '<p>Hi Ann</p>',
    });
    expect(mail.text.trim()).toBe('Hi Ann');
  });

  it('fails loudly when the server refuses, so the outbox retries', async () => {
    sink.refuseWith = 'mailbox busy';
    try {
      await expect(
        test.app.get(Mailer).send({ to: 'bob@example.org', subject: 's', html: '<p>x</p>', text: 'x' }),
      ).rejects.toThrow(/mailbox busy/);
    } finally {
      sink.refuseWith = undefined;
    }
  });
});
