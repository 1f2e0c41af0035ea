/**
 * The unread-chat email through BullMQ (REDIS_URL set): the poll claims the due row and hands it
 * to the `email` queue, whose worker reads what is still unread and mails it, once. PostgreSQL
 * and Redis only (the queues need Redis); the in-process path is in chat.e2e-spec.ts.
 */
import { eventually } from '../support/app';
import {
  call,
  countMails,
  createAccepted,
  createMembers,
  sleep,
  startWorld,
  statusAndBody,
  type World,
} from '../relation-life/support';

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('the unread-chat email through the email queue (PostgreSQL, Redis)', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld('postgresql', { CHAT_EMAIL_DELAY: '1s', REDIS_URL, RUN_BACKGROUND_JOBS: 'true' });
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it('mails an unread message once, and nothing for one read in time', async () => {
    const [, a, b] = await createMembers(world, 3);
    const id = await createAccepted(world, a, b);
    const subject = (sender: { name: string }) => `Mentorship System - New messages from ${sender.name}`;
    const post = (user: typeof a, body: string) =>
      call(world, user, 'POST', `/mentorship_relation/${id}/messages`, { body });

    expect((await post(a, 'Queued hello')).statusCode).toBe(201);
    await eventually(() => countMails(world.sink, b.email, subject(a)) === 1, 15_000);
    const [mail] = world.sink.messages.filter((m) => m.subject === subject(a));
    expect(mail.text).toContain(`${a.name} sent you a new message in your mentorship relation.\n\n> Queued hello\n`);

    const reply = await post(b, 'Read it, thanks');
    expect(reply.statusCode).toBe(201);
    const readResponse = await call(world, a, 'POST', `/mentorship_relation/${id}/messages/read`, {});
    expect(statusAndBody(readResponse)).toEqual({
      status: 200,
      body: { last_read_id: reply.json<{ id: number }>().id },
    });
    await sleep(3_500);
    expect(countMails(world.sink, b.email, subject(a))).toBe(1);
    expect(countMails(world.sink, a.email, subject(b))).toBe(0);
  }, 60_000);
});
