import type { MikroORM } from '@mikro-orm/core';
import type { Pool } from 'pg';

/** Any fixed number: replicas starting together take turns applying migrations. */
const MIGRATION_LOCK_KEY = 727_470_001;

/**
 * Applies pending migrations. On PostgreSQL an advisory lock makes replicas that start together
 * take turns; the embedded database has a single process by construction.
 * Returns the names of the migrations applied.
 */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection() as { getNativeClient?: () => Promise<unknown> };
  const isPostgres = orm.config.get('driver')?.name === 'PostgreSqlDriver';
  if (!isPostgres || !connection.getNativeClient) {
    return (await orm.migrator.up()).map((migration) => migration.name);
  }
  const pool = (await connection.getNativeClient()) as Pool;
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await orm.migrator.up()).map((migration) => migration.name);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
