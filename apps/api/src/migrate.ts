import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { applyMigrations, buildOrmOptions, loadConfigOrExit } from '@app/platform';

/** `npm run migration:up`: applies pending migrations to DATABASE_URL (or the embedded database) and exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const orm = await MikroORM.init({ ...buildOrmOptions(config), discovery: { warnWhenNoEntities: false } });
  try {
    const applied = await applyMigrations(orm);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply: the schema is up to date\n',
    );
  } finally {
    await orm.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
