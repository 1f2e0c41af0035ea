import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnyEntity, EntityClass, Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';
/** Where `npm run migration:create` writes new migration files. */
export const MIGRATIONS_SOURCE_DIR = 'libs/platform/src/database/migrations';

export type DatabaseKind = 'postgresql' | 'pglite';

export function databaseKind(config: Pick<AppConfig, 'databaseUrl'>): DatabaseKind {
  return config.databaseUrl ? 'postgresql' : 'pglite';
}

/** The embedded database lives in a folder of its own under DATA_DIR. */
export function pgliteDirectory(dataDir: string): string {
  return resolve(dataDir, 'pglite');
}

/**
 * PGlite (PostgreSQL in WASM) is loaded only for the embedded database: importing it costs about
 * 40 MB of memory that a process on PostgreSQL has no use for.
 */
export function loadPglite(): {
  PgliteDriver: typeof import('@mikro-orm/pglite').PgliteDriver;
  pg_trgm: typeof import('@electric-sql/pglite/contrib/pg_trgm').pg_trgm;
} {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { PgliteDriver } = require('@mikro-orm/pglite') as typeof import('@mikro-orm/pglite');
  const { pg_trgm } =
    require('@electric-sql/pglite/contrib/pg_trgm') as typeof import('@electric-sql/pglite/contrib/pg_trgm');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { PgliteDriver, pg_trgm };
}

/**
 * MikroORM options for either PostgreSQL (DATABASE_URL set) or embedded PGlite (under DATA_DIR).
 * Same entities and same migrations on both.
 */
export function buildOrmOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  entities: EntityClass<AnyEntity>[] = [],
): Options {
  const common = {
    entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // Features fork their own EntityManager per command/query; a stray global one is a bug.
    allowGlobalContext: false,
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: MIGRATIONS,
      path: MIGRATIONS_SOURCE_DIR,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    debug: false,
  } satisfies Partial<Options>;

  if (config.databaseUrl) {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: config.databaseUrl,
      pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
      // A database that does not answer must not hang requests or probes forever.
      driverOptions: { connectionTimeoutMillis: 5_000 },
    } as unknown as Options;
  }
  const directory = pgliteDirectory(config.dataDir);
  mkdirSync(directory, { recursive: true });
  const { PgliteDriver, pg_trgm } = loadPglite();
  // PGlite ships its extensions as modules; the migrations' `create extension` needs them loaded.
  return {
    ...common,
    driver: PgliteDriver,
    dbName: directory,
    driverOptions: { extensions: { pg_trgm } },
  } as unknown as Options;
}
