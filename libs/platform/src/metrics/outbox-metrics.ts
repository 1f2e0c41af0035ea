import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { Gauge } from 'prom-client';
import { Metrics } from './metrics';

interface OutboxSnapshot {
  backlog: number;
  oldestAgeSeconds: number;
  parked: number;
}

/**
 * One statement for the three gauges. The undelivered rows are read through the partial index
 * `outbox_pending_idx` (same predicate); the parked count scans the table, which holds a week of
 * delivered rows at most (OutboxCleanupJob).
 */
const OUTBOX_SNAPSHOT_SQL = `select
  pending.backlog,
  coalesce(extract(epoch from (now() - pending.oldest)), 0) as oldest_age_seconds,
  (select count(*) from "outbox" where "dead_at" is not null) as parked
from (
  select count(*) as backlog, min("occurred_at") as oldest
  from "outbox" where "processed_at" is null and "dead_at" is null
) as pending`;

/**
 * The outbox at scrape time: events not yet delivered, the age of the oldest of them, and the
 * events parked after too many failed attempts. Every process (API and worker) reports the same
 * database-wide numbers under its own `process` label: aggregate them with max, not sum.
 *
 * The three gauges share one query per scrape. A failing query never fails the scrape: it is
 * logged at debug level and the gauges keep their last values.
 */
@Injectable()
export class OutboxMetrics implements OnModuleDestroy {
  private readonly logger = new Logger(OutboxMetrics.name);
  private snapshot?: Promise<OutboxSnapshot | undefined>;
  private closed = false;

  constructor(
    metrics: Metrics,
    private readonly em: EntityManager,
  ) {
    const read = this.read.bind(this);
    new Gauge({
      name: 'mentorship_outbox_backlog_events',
      help: 'Outbox events not yet delivered to every handler (neither processed nor parked).',
      registers: [metrics.registry],
      async collect() {
        const snapshot = await read();
        if (snapshot) this.set(snapshot.backlog);
      },
    });
    new Gauge({
      name: 'mentorship_outbox_oldest_undelivered_age_seconds',
      help: 'Age of the oldest undelivered outbox event (now - occurred_at), 0 when there is none.',
      registers: [metrics.registry],
      async collect() {
        const snapshot = await read();
        if (snapshot) this.set(snapshot.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'mentorship_outbox_parked_events',
      help: 'Outbox events parked (dead_at set) after too many failed deliveries; they wait for someone to look.',
      registers: [metrics.registry],
      async collect() {
        const snapshot = await read();
        if (snapshot) this.set(snapshot.parked);
      },
    });
  }

  /** The snapshot of the scrape under way: the gauges collect at once, so they share one query. */
  private read(): Promise<OutboxSnapshot | undefined> {
    this.snapshot ??= this.query().finally(() => (this.snapshot = undefined));
    return this.snapshot;
  }

  private async query(): Promise<OutboxSnapshot | undefined> {
    // Once the app closes, a query would reconnect the ORM it just closed.
    if (this.closed) return undefined;
    try {
      const rows = await (this.em.fork() as SqlEntityManager).execute<
        Array<{ backlog: string | number; oldest_age_seconds: string | number; parked: string | number }>
      >(OUTBOX_SNAPSHOT_SQL);
      const row = rows[0];
      return {
        backlog: Number(row.backlog),
        oldestAgeSeconds: Math.max(0, Number(row.oldest_age_seconds)),
        parked: Number(row.parked),
      };
    } catch (error) {
      this.logger.debug({ err: error }, 'Could not read the outbox for /metrics; its gauges keep their last values');
      return undefined;
    }
  }

  onModuleDestroy(): void {
    this.closed = true;
  }
}
