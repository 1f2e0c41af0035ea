import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Gauge } from 'prom-client';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { databaseKind } from '../database/orm-options';
import { Metrics } from './metrics';

/** What `mentorship_db_pool_connections` reads of a `pg` Pool (pg-pool's public counters). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function isPgPool(value: unknown): value is PgPoolCounts {
  const pool = value as Partial<PgPoolCounts> | null;
  return (
    !!pool &&
    typeof pool.totalCount === 'number' &&
    typeof pool.idleCount === 'number' &&
    typeof pool.waitingCount === 'number'
  );
}

/**
 * The database connection pool at scrape time, `mentorship_db_pool_connections{state}`:
 *
 * - PostgreSQL: MikroORM 7's PostgreSqlConnection builds a `pg` Pool for its Kysely dialect and
 *   hands it out through `connection.getNativeClient()`; `total` is pg-pool's totalCount (open
 *   connections), `idle` its idleCount, `waiting` its waitingCount (queries waiting for a connection;
 *   the pool holds at most 10).
 * - Embedded PGlite: a single in-process connection, no pool: `total` is 1, and `idle` and
 *   `waiting` are not reported (PGlite queues queries internally and does not tell).
 */
@Injectable()
export class DatabasePoolMetrics implements OnModuleDestroy {
  private readonly logger = new Logger(DatabasePoolMetrics.name);
  private pool?: PgPoolCounts;
  private closed = false;

  constructor(metrics: Metrics, orm: MikroORM, @InjectConfig() config: AppConfig) {
    const embedded = databaseKind(config) === 'pglite';
    const poolOf = this.poolOf.bind(this);
    new Gauge({
      name: 'mentorship_db_pool_connections',
      help: 'Database connections by state: total (open), idle, waiting (queries waiting for a connection). PGlite: total=1 only.',
      labelNames: ['state'],
      registers: [metrics.registry],
      async collect() {
        if (embedded) {
          this.set({ state: 'total' }, 1);
          return;
        }
        const pool = await poolOf(orm);
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  /** The `pg` Pool, asked for once: getNativeClient() connects when the ORM is not connected. */
  private async poolOf(orm: MikroORM): Promise<PgPoolCounts | undefined> {
    if (this.pool || this.closed) return this.pool;
    try {
      const connection = orm.em.getConnection() as unknown as { getNativeClient?: () => Promise<unknown> };
      const client = await connection.getNativeClient?.();
      if (isPgPool(client)) this.pool = client;
    } catch (error) {
      this.logger.debug({ err: error }, 'Could not reach the database pool for /metrics');
    }
    return this.pool;
  }

  onModuleDestroy(): void {
    this.closed = true;
  }
}
