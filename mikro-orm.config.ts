/**
 * MikroORM CLI configuration, used by `npm run migration:create` only (the app builds its own
 * options in libs/platform/src/database/orm-options.ts).
 *
 * New migrations are generated against PostgreSQL (DATABASE_URL) by diffing the entities below with
 * the live schema, so apply the existing ones first (`npm run migration:up`). Then add the new file
 * to libs/platform/src/database/migrations/index.ts (a unit test fails until you do).
 */
import 'reflect-metadata';
import { defineConfig } from '@mikro-orm/postgresql';
import { PasswordResetRequest, Session, User } from './libs/accounts/src/index.ts';
import { AuditEntry } from './libs/audit/src/index.ts';
import { MentorshipRelation } from './libs/mentorship/src/index.ts';
import { Task, TaskComment } from './libs/tasks/src/index.ts';
import { buildOrmOptions, loadConfig, MIGRATIONS_SOURCE_DIR, OutboxMessage } from './libs/platform/src/index.ts';

const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('Set DATABASE_URL to a PostgreSQL database: migrations are generated against PostgreSQL.');
}

/** Every entity of every lib; the migration generator diffs these against the database. */
const ENTITIES = [
  OutboxMessage,
  AuditEntry,
  User,
  Session,
  PasswordResetRequest,
  MentorshipRelation,
  Task,
  TaskComment,
];

const options = buildOrmOptions(config, ENTITIES);

export default defineConfig({
  ...(options as object),
  // Tables written with plain SQL (no entity): the generator must not propose dropping them.
  schemaGenerator: {
    skipTables: ['login_failures', 'scheduled_job_runs', 'active_mentorships', 'task_counters', 'task_digests'],
  },
  migrations: {
    ...options.migrations,
    migrationsList: undefined,
    path: MIGRATIONS_SOURCE_DIR,
    pathTs: MIGRATIONS_SOURCE_DIR,
    emit: 'ts',
    snapshot: false,
  },
});
