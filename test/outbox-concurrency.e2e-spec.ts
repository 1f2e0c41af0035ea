/**
 * The relay delivers several events at once (OUTBOX_CONCURRENCY), batches the audit writes and
 * mails over a pool of SMTP connections; at-least-once delivery must hold all the same.
 */
import { CommandBus } from '@nestjs/cqrs';
import { OutboxRelay } from '@app/platform';
import { CONFIRMATION_SUBJECT, newRegistration } from './support/accounts';
import { eventually, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, query, type TestDatabase } from './support/database';
import { ProbeModule, type ProbePayload, probeLog, RecordProbeCommand } from './support/probe.module';
import { startTestEnv, type TestEnv } from './support/env';
import { TcpProxy } from './support/tcp-proxy';

interface OutboxRow {
  event_id: string;
  attempts: number;
  delivered_to: string[];
  processed_at: Date | null;
  dead_at: Date | null;
  last_error: string | null;
  locked_until: Date | null;
}

describe('Outbox relay with concurrent delivery', () => {
  let db: TestDatabase;

  const rows = (eventIds: string[]) =>
    query<OutboxRow>(db.url, 'select * from outbox where event_id = any($1) order by id', [eventIds]);
  const auditCount = async (eventIds: string[]) =>
    Number(
      (await query<{ count: string }>(db.url, 'select count(*) from audit_log where event_id = any($1)', [eventIds]))[0]
        .count,
    );
  const record = async (test: TestApp, payloads: ProbePayload[]) => {
    const ids: string[] = [];
    for (const payload of payloads)
      ids.push((await test.app.get(CommandBus).execute(new RecordProbeCommand(payload))).eventId);
    return ids;
  };
  const count = (label: string) => probeLog.remembered.filter((seen) => seen === label).length;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  beforeEach(() => probeLog.reset());

  afterAll(async () => {
    await db?.drop();
  });

  it('delivers events of different users at once, up to the limit, and one user’s events in order', async () => {
    const wide = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule], outbox: { enabled: false } });
    try {
      const ids = await record(wide, [
        { label: 'u1-slow', userId: 1, delayMs: 150 },
        { label: 'u1-next', userId: 1 },
        ...[2, 3, 4, 5].map((userId) => ({ label: `u${userId}`, userId, delayMs: 150 })),
      ]);
      expect(await wide.app.get(OutboxRelay).drain()).toBe(6);

      expect(probeLog.peakInFlight).toBe(5);
      expect(probeLog.remembered.indexOf('u1-slow')).toBeLessThan(probeLog.remembered.indexOf('u1-next'));
      expect((await rows(ids)).every((row) => row.processed_at && row.attempts === 0)).toBe(true);
      expect(await auditCount(ids)).toBe(6);
    } finally {
      await wide.close();
    }

    probeLog.reset();
    const narrow = await startTestApp({
      databaseUrl: db.url,
      imports: [ProbeModule],
      outbox: { enabled: false, concurrency: 2 },
    });
    try {
      await record(
        narrow,
        [6, 7, 8, 9, 10].map((userId) => ({ label: `n${userId}`, userId, delayMs: 50 })),
      );
      expect(await narrow.app.get(OutboxRelay).drain()).toBe(5);
      expect(probeLog.peakInFlight).toBe(2);
      expect(probeLog.remembered.sort()).toEqual(['n10', 'n6', 'n7', 'n8', 'n9']);
    } finally {
      await narrow.close();
    }
  });

  it('retries only the failing handler of the failing event; the rest of the round is delivered once', async () => {
    const test = await startTestApp({
      databaseUrl: db.url,
      imports: [ProbeModule],
      outbox: { enabled: false, retryBaseDelayMs: 100, maxRetryDelayMs: 100, maxAttempts: 3 },
    });
    try {
      // audit_log.target_id is varchar(60): this label breaks the round's one audit insert.
      const poison = `poison-${'x'.repeat(60)}`;
      const [ok1, flaky, poisoned, ok2] = await record(test, [
        { label: 'ok-1' },
        { label: 'flaky-once', failTimes: 1 },
        { label: poison },
        { label: 'ok-2' },
      ]);
      const relay = test.app.get(OutboxRelay);
      await relay.drain();

      const first = await rows([ok1, flaky, poisoned, ok2]);
      expect(first.map((row) => [row.attempts, row.processed_at !== null])).toEqual([
        [0, true],
        [1, false],
        [1, false],
        [0, true],
      ]);
      expect(first[1].last_error).toBe('FailSomeTimesWhenProbeRecorded: flaky failure 1');
      expect(first[1].delivered_to.sort()).toEqual(
        ['RecordAuditEntryWhenDomainEventRelayed', 'RememberProbeWhenProbeRecorded'].sort(),
      );
      expect(first[2].last_error).toMatch(/^RecordAuditEntryWhenDomainEventRelayed: /);
      expect(first[2].delivered_to.sort()).toEqual(
        ['FailSomeTimesWhenProbeRecorded', 'RememberProbeWhenProbeRecorded'].sort(),
      );
      // The batch failed as a whole; each event was then written alone, so only the poisoned one is missing.
      expect(await auditCount([ok1, flaky, ok2])).toBe(3);
      expect(await auditCount([poisoned])).toBe(0);

      await eventually(async () => {
        await relay.drain();
        const [flakyRow, poisonedRow] = await rows([flaky, poisoned]);
        return flakyRow.processed_at && poisonedRow.dead_at;
      }, 10_000);
      const [flakyRow, poisonedRow] = await rows([flaky, poisoned]);
      expect(flakyRow.attempts).toBe(1);
      expect(poisonedRow.attempts).toBe(3);
      expect(poisonedRow.processed_at).toBeNull();
      // Handlers that had succeeded never ran again.
      expect(probeLog.flakyCalls.get('flaky-once')).toBe(2);
      expect(probeLog.flakyCalls.get(poison)).toBe(1);
      expect(probeLog.flakyCalls.get('ok-1')).toBe(1);
      expect(['ok-1', 'flaky-once', poison, 'ok-2'].map(count)).toEqual([1, 1, 1, 1]);
    } finally {
      await test.close();
    }
  });

  it('redelivers the whole round when the relaying process loses its database mid-round', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(db.url).port || 5432));
    await proxy.start();
    const proxied = new URL(db.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const crashing = await startTestApp({
      databaseUrl: proxied.toString(),
      imports: [ProbeModule],
      outbox: { enabled: false, leaseMs: 5_000 },
    });
    let ids: string[] = [];
    try {
      ids = await record(crashing, [{ label: 'before' }, { label: 'held', hold: true }, { label: 'after' }]);
      const round = crashing.app.get(OutboxRelay).drain();
      await eventually(() => probeLog.held.includes('held') && count('before') === 1 && count('after') === 1);
      // The process dies here as far as the database can tell: its connections are gone.
      await proxy.cut();
      probeLog.releaseHeld();
      await expect(round).rejects.toThrow();

      const stranded = await rows(ids);
      expect(stranded.map((row) => row.processed_at)).toEqual([null, null, null]);
      expect(stranded.every((row) => row.locked_until !== null)).toBe(true);

      const next = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule], outbox: { enabled: false } });
      try {
        // Nothing is taken over while the dead process's lease runs.
        expect(await next.app.get(OutboxRelay).drain()).toBe(0);
        await eventually(async () => (await next.app.get(OutboxRelay).drain()) === 3, 10_000, 200);
        const delivered = await rows(ids);
        expect(delivered.every((row) => row.processed_at !== null && row.attempts === 0)).toBe(true);
        expect(['before', 'held', 'after'].map(count)).toEqual([2, 2, 2]);
        expect(await auditCount(ids)).toBe(3);
      } finally {
        await next.close();
      }
    } finally {
      await proxy.restore();
      await crashing.close();
      await proxy.cut();
    }
  });
});

describe('Verification emails of a burst of registrations', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await startTestEnv({ SMTP_POOL_SIZE: '3' });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('sends each of 40 concurrent sign-ups exactly one email, over at most SMTP_POOL_SIZE connections', async () => {
    const registrations = Array.from({ length: 40 }, () => newRegistration());
    const { test, sink, db } = env;
    const responses = await Promise.all(
      registrations.map((payload) => test.app.inject({ method: 'POST', url: '/register', payload })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(registrations.map(() => 201));

    await eventually(() => sink.messages.length >= 40, 20_000);
    await test.app.get(OutboxRelay).drain();
    await new Promise((resolve) => setTimeout(resolve, 500));

    const recipients = sink.messages.map((mail) => mail.to.join(','));
    expect(recipients.sort()).toEqual(registrations.map((payload) => payload.email).sort());
    expect(sink.messages.every((mail) => mail.subject === CONFIRMATION_SUBJECT)).toBe(true);
    // Without the pool every email opens its own connection.
    expect(sink.connectionsOpened).toBeLessThanOrEqual(3);
    const pending = await query(db.url, 'select * from outbox where processed_at is null or attempts > 0');
    expect(pending).toEqual([]);
  });
});
