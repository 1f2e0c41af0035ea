import { CommandBus } from '@nestjs/cqrs';
import { OutboxCleanupJob, OutboxRelay, TokenService } from '@app/platform';
import { eventually, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, query, type TestDatabase } from './support/database';
import { ProbeModule, probeLog, RecordProbeCommand } from './support/probe.module';

interface OutboxRow {
  event_id: string;
  event_type: string;
  attempts: number;
  delivered_to: string[];
  processed_at: Date | null;
  dead_at: Date | null;
  last_error: string | null;
}

describe('Transactional outbox', () => {
  let db: TestDatabase;
  let test: TestApp;

  const outboxRow = async (eventId: string) =>
    (await query<OutboxRow>(db.url, 'select * from outbox where event_id = $1', [eventId]))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    test = await startTestApp({
      databaseUrl: db.url,
      imports: [ProbeModule],
      outbox: { retryBaseDelayMs: 100, maxRetryDelayMs: 400, maxAttempts: 4 },
    });
  });

  beforeEach(() => probeLog.reset());

  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  it('delivers a committed event to every handler and writes one audit entry with actor and request id', async () => {
    const token = test.app.get(TokenService).issue(9, 'access').token;
    const response = await test.app.inject({
      method: 'POST',
      url: '/__test/probe',
      payload: { label: 'committed' },
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-outbox-1' },
    });
    expect(response.statusCode).toBe(201);
    const { eventId } = response.json();

    await eventually(async () => (await outboxRow(eventId))?.processed_at);
    expect(probeLog.remembered).toEqual(['committed']);
    const row = await outboxRow(eventId);
    expect(row.delivered_to.sort()).toEqual(
      [
        'FailSomeTimesWhenProbeRecorded',
        'RecordAuditEntryWhenDomainEventRelayed',
        'RememberProbeWhenProbeRecorded',
      ].sort(),
    );
    const audit = await query(db.url, 'select * from audit_log where event_id = $1', [eventId]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'test.probe_recorded',
      actor_id: 9,
      target_type: 'probe',
      target_id: 'committed',
      request_id: 'req-outbox-1',
      details: { label: 'committed' },
    });
  });

  it('never publishes an event recorded in a transaction that rolled back', async () => {
    const commands = test.app.get(CommandBus);
    await expect(commands.execute(new RecordProbeCommand({ label: 'rolled-back' }, {}, true))).rejects.toThrow(
      'rolled back on purpose',
    );
    // A committed event afterwards proves the relay ran a round after the rollback.
    const { eventId } = await commands.execute(new RecordProbeCommand({ label: 'after-rollback' }));
    await eventually(async () => (await outboxRow(eventId))?.processed_at);
    await test.app.get(OutboxRelay).drain();

    expect(probeLog.remembered).toEqual(['after-rollback']);
    expect(probeLog.flakyCalls.has('rolled-back')).toBe(false);
    const rows = await query(db.url, `select * from outbox where payload->>'label' = 'rolled-back'`);
    expect(rows).toHaveLength(0);
    const audit = await query(db.url, `select * from audit_log where target_id = 'rolled-back'`);
    expect(audit).toHaveLength(0);
  });

  it('retries a failing handler with backoff, without re-running the handlers that succeeded', async () => {
    const { eventId } = await test.app
      .get(CommandBus)
      .execute(new RecordProbeCommand({ label: 'flaky', failTimes: 2 }));

    await eventually(async () => (await outboxRow(eventId))?.processed_at, 15_000);
    const row = await outboxRow(eventId);
    expect(row.attempts).toBe(2);
    expect(probeLog.flakyCalls.get('flaky')).toBe(3);
    expect(probeLog.remembered).toEqual(['flaky']);
    const audit = await query(db.url, 'select * from audit_log where event_id = $1', [eventId]);
    expect(audit).toHaveLength(1);
  });

  it('parks an event whose handler keeps failing, recording the error', async () => {
    const { eventId } = await test.app
      .get(CommandBus)
      .execute(new RecordProbeCommand({ label: 'hopeless', failTimes: 1000 }));

    await eventually(async () => (await outboxRow(eventId))?.dead_at, 15_000);
    const row = await outboxRow(eventId);
    expect(row.attempts).toBe(4);
    expect(row.processed_at).toBeNull();
    expect(row.last_error).toContain('FailSomeTimesWhenProbeRecorded: flaky failure 4');
    expect(probeLog.remembered).toEqual(['hopeless']);
  });

  it('audit entries are written once even when an event is delivered again', async () => {
    const { eventId } = await test.app.get(CommandBus).execute(new RecordProbeCommand({ label: 'twice' }));
    await eventually(async () => (await outboxRow(eventId))?.processed_at);
    await query(db.url, `update outbox set processed_at = null, delivered_to = '[]' where event_id = $1`, [eventId]);
    await test.app.get(OutboxRelay).drain();

    expect(probeLog.remembered).toEqual(['twice', 'twice']);
    expect(await query(db.url, 'select * from audit_log where event_id = $1', [eventId])).toHaveLength(1);
  });

  it('the daily cleanup deletes delivered rows older than a week, once per occurrence, and keeps the rest', async () => {
    const insert = (eventId: string, processedDaysAgo: number | null, dead = false) =>
      query(
        db.url,
        `insert into outbox (event_id, event_type, payload, meta, occurred_at, available_at, processed_at, dead_at)
         values ($1, 'test.old', '{}', '{}', now(), now(),
                 case when $2::int is null then null else now() - ($2::int * interval '1 day') end,
                 case when $3 then now() - interval '30 days' else null end)`,
        [eventId, processedDaysAgo, dead],
      );
    const ids = {
      old: '00000000-0000-4000-8000-000000000001',
      recent: '00000000-0000-4000-8000-000000000002',
      dead: '00000000-0000-4000-8000-000000000003',
    };
    await insert(ids.old, 8);
    await insert(ids.recent, 6);
    await insert(ids.dead, null, true);
    const job = test.app.get(OutboxCleanupJob);
    const occurrence = new Date();
    const first = await job.runScheduled(occurrence);
    expect(first.ran).toBe(true);
    expect(first.ran && first.result).toBeGreaterThanOrEqual(1);
    expect(await job.runScheduled(occurrence)).toEqual({ ran: false });
    const left = await query<{ event_id: string }>(db.url, 'select event_id from outbox where event_id = any($1)', [
      Object.values(ids),
    ]);
    expect(left.map((row) => row.event_id).sort()).toEqual([ids.recent, ids.dead].sort());
  });
});

describe('Outbox across processes', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('an event committed by an instance that stopped before relaying it is published by the next instance', async () => {
    probeLog.reset();
    const first = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule], outbox: { enabled: false } });
    const { eventId } = await first.app.get(CommandBus).execute(new RecordProbeCommand({ label: 'orphan' }));
    await first.close();
    expect(probeLog.remembered).toEqual([]);
    const [pending] = await query<OutboxRow>(db.url, 'select * from outbox where event_id = $1', [eventId]);
    expect(pending.processed_at).toBeNull();

    const second = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule] });
    try {
      await eventually(() => probeLog.remembered.includes('orphan'));
      await eventually(
        async () =>
          (await query<OutboxRow>(db.url, 'select * from outbox where event_id = $1', [eventId]))[0].processed_at,
      );
      expect(probeLog.remembered).toEqual(['orphan']);
    } finally {
      await second.close();
    }
  });

  it('a row claimed by a process that died is taken over once its lease runs out', async () => {
    probeLog.reset();
    const app = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule], outbox: { enabled: false } });
    const { eventId } = await app.app.get(CommandBus).execute(new RecordProbeCommand({ label: 'leased' }));
    await app.close();
    // Another process claimed it and died: its lease is still running.
    await query(db.url, `update outbox set locked_until = now() + interval '1 second' where event_id = $1`, [eventId]);

    const next = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule] });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(probeLog.remembered).toEqual([]);
      await eventually(() => probeLog.remembered.includes('leased'), 5_000);
    } finally {
      await next.close();
    }
  });
});
