/** The runner's own SQL: bookkeeping around the runs, never inside a measured window. */
import pg from 'pg';

export async function withClient(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl, statement_timeout: 60_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The same server's maintenance database (`postgres`). */
export function maintenanceUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** The same server, another database. */
export function databaseUrlFor(databaseUrl, name) {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops (closing its connections) and creates an empty database. */
export async function recreateDatabase(databaseUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  await withClient(maintenanceUrl(databaseUrl), async (client) => {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  });
}

export async function postgresVersion(databaseUrl) {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query('show server_version');
    return `PostgreSQL ${rows[0].server_version}`;
  });
}

/** relationId → the number the app gives the relation's next task (its task_counters row, else 1). */
export async function readTaskCounters(databaseUrl, relationIds) {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      'select relation_id, next_number from task_counters where relation_id = any($1::int[])',
      [relationIds],
    );
    const counters = new Map(relationIds.map((id) => [id, 1]));
    for (const row of rows) counters.set(row.relation_id, row.next_number);
    return counters;
  });
}

/** "mentorId:menteeId" of every relation already between the fixture mentors and requesters. */
export async function readTakenPairs(databaseUrl, mentorIds, menteeIds) {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      'select mentor_id, mentee_id from mentorship_relations where mentor_id = any($1::int[]) and mentee_id = any($2::int[])',
      [mentorIds, menteeIds],
    );
    return new Set(rows.map((row) => `${row.mentor_id}:${row.mentee_id}`));
  });
}

/** Waits until the outbox holds no undelivered row; → seconds waited (or null after timeoutMs). */
export async function waitForOutboxDrained(databaseUrl, timeoutMs = 60_000) {
  const started = performance.now();
  return withClient(databaseUrl, async (client) => {
    while (performance.now() - started < timeoutMs) {
      const { rows } = await client.query(
        'select count(*)::int as pending from outbox where processed_at is null and dead_at is null and available_at <= now()',
      );
      if (rows[0].pending === 0) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  });
}
