/**
 * The benchmark's data generator: a realistic population of the mentorship app in PostgreSQL at a
 * chosen scale, generated inside the database (insert … select … from generate_series), without a
 * round trip per row.
 *
 *   node_modules/.bin/node bench/seed/index.mjs --scale 100k [--database-url URL] [--reuse] [--fixtures]
 *
 * Proportions (of N users):
 *   users          ids 1..N, registered over the last 3 years, more of them recently (ids follow
 *                  registration time); 0.5% anonymised tombstones (deleted accounts), 30% of the users
 *                  registered in the last 29 days unverified (≈ 3% of all; older ones would have been
 *                  purged by the app); user 1 and ≈ 0.005% more are admins.
 *                  Flags: 35% need_mentoring only, 25% available_to_mentor only, 15% both, 25% neither.
 *                  Names, usernames (`first_last<id>`), emails (`first.last<id>@example…`), bios,
 *                  skills, interests, locations, … from the word lists in words.mjs.
 *   relations      ≈ 0.8 per user: ACCEPTED 0.125 N (so 25% of users are in one, never more than one),
 *                  PENDING 0.15 N, REJECTED 0.10 N, CANCELLED 0.075 N, COMPLETED 0.35 N (a COMPLETED one
 *                  whose parties registered too recently to have finished one becomes REJECTED).
 *                  Only verified users take part; tombstones only in finished ones (REJECTED, CANCELLED,
 *                  COMPLETED), as the app leaves them. PENDING and ACCEPTED ones end in the future.
 *   tasks          on ACCEPTED, CANCELLED and COMPLETED relations: 0–50 each, geometric-like with mean ≈ 5,
 *                  numbered 1..n, created in number order between the accept date and the end (or now),
 *                  done with completed_at: 45% on ACCEPTED, 75% on COMPLETED, 35% on CANCELLED ones;
 *                  task_counters.next_number = n + 1 (no counter row where n = 0, as in the app).
 *   comments       on 20% of the tasks, 1–5 each (mean ≈ 1.8), by one of the two parties.
 *   audit_log      ≈ 3.5 per user: user_registered, email_verified, user_deleted, relation_requested (every
 *                  relation), relation_accepted (every relation that was accepted), user_logged_in (recent).
 *   outbox         ≈ 0.5 per user, all processed: what the app keeps of the last 7 days (registrations and
 *                  their verification emails, verifications, logins of 20% of the users, requests and
 *                  accepts), with the same event ids as their audit rows.
 *
 * Deterministic for a scale and a seeding time: every choice comes from hashint8extended(row number, salt).
 * Every seeded user's password is SEED_PASSWORD, hashed once. Secondary indexes, unique constraints and
 * foreign keys are dropped for the load and rebuilt after it (about twice as fast as keeping them; the
 * rebuilt foreign keys validate every row). 1M users take about 2 minutes on 2 cores.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Algorithm, hash as argon2Hash } from '@node-rs/argon2';
import pg from 'pg';
import * as WORDS from './words.mjs';

export { CITIES, SEARCH_TERMS } from './words.mjs';

export const SEED_PASSWORD = 'bench-seed-password-1';

/** Bumped whenever the generated data changes, so --reuse never reuses an older kind of seed. */
const SEED_VERSION = 2;

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIGRATE_SCRIPT = join(REPO_ROOT, 'dist', 'apps', 'api', 'src', 'migrate.js');
/** The project's Node 24 (the app needs it); the running one otherwise. */
const NODE_BINARY = existsSync(join(REPO_ROOT, 'node_modules', '.bin', 'node'))
  ? join(REPO_ROOT, 'node_modules', '.bin', 'node')
  : process.execPath;

/** The app's password hashing parameters (libs/accounts/src/domain/password-hashing.ts). */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** A fixed salt keeps the seed deterministic; it is a bench-only password anyway. */
const ARGON2_SALT = Buffer.from('bench-seed-salt!');

const DAY = 86_400;
const WEEK = 7 * DAY;
const HISTORY_SECONDS = 3 * 365 * DAY;

const SHARE = {
  tombstone: 0.005,
  unverifiedOfRecent: 0.3,
  admin: 0.00005,
  /** Cumulative: neither, need_mentoring only, available_to_mentor only, then both. */
  roleNeither: 0.25,
  roleMentee: 0.6,
  roleMentor: 0.85,
  usersInAccepted: 0.25,
  pending: 0.15,
  rejected: 0.1,
  cancelled: 0.075,
  completed: 0.35,
  loggedInLastWeek: 0.2,
  commentedTasks: 0.2,
  /** Of the verified live mentors / mentees: rated at least once in that role. */
  ratedMentor: 0.3,
  ratedMentee: 0.2,
  /** user_blocks rows per user. */
  blocks: 0.03,
};
/** Tags: this many, rank r drawn log-uniformly (density ∝ 1/r, Zipf-like: rank 1 ≈ 17%, the top 10 ≈ 42%). */
const TAG_COUNT = 300;
const MAX_USER_TAGS = 5;
/** The suffixes that make ~300 tag labels out of the word lists' 80 skills and interests. */
const TAG_SUFFIXES = ['testing', 'performance', 'security', 'architecture', 'tooling'];

/** The tag labels, most popular first: the word lists' skills and interests, then skill + suffix. */
export function tagLabels() {
  const labels = [];
  const seen = new Set();
  const add = (label) => {
    const slug = tagSlugOf(label);
    if (!seen.has(slug) && !label.includes(',') && [...label].length <= 40) {
      seen.add(slug);
      labels.push(label);
    }
  };
  for (const label of WORDS.SKILLS) add(label);
  for (const label of WORDS.INTERESTS) add(label);
  for (const suffix of TAG_SUFFIXES) for (const skill of WORDS.SKILLS) add(`${skill} ${suffix}`);
  return labels.slice(0, TAG_COUNT);
}

/** The app's tag slug (libs/accounts/src/domain/tags.ts tagSlug): trimmed, whitespace collapsed, lower case. */
export const tagSlugOf = (label) => label.trim().replace(/\s+/gu, ' ').toLowerCase();
/** Registration age = HISTORY · (1 − position)^GROWTH: ≈ 10% of the users registered in the last 30 days. */
const GROWTH = 1.565;
const MEAN_TASKS = 5.5; // the floor of an exponential with this mean averages ≈ 5
const MAX_TASKS = 50;

const WORK_SCHEMA = 'bench_seed_work';
/** The tables the seed fills; their secondary indexes and constraints are built after the load. */
const LOADED_TABLES = [
  'users',
  'mentorship_relations',
  'active_mentorships',
  'task_counters',
  'tasks',
  'tags',
  'user_tags',
  'user_blocks',
  'task_comments',
  'audit_log',
  'outbox',
];
const AUDIT_HANDLER = 'RecordAuditEntryWhenDomainEventRelayed';

/** '10k' → 10000, '100k' → 100000, '1m' → 1000000, '2500' → 2500. */
export function parseScale(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$/i.exec(String(text));
  if (!match) throw new Error(`Not a scale: "${text}" (expected e.g. 2500, 10k, 100k, 1m)`);
  const value = Math.round(Number(match[1]) * { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase()]);
  if (!Number.isSafeInteger(value) || value < 10 || value > 9_999_999) {
    throw new Error(`Scale out of range: "${text}" (10 to 9,999,999 users)`);
  }
  return value;
}

/** A SQL string literal. */
const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;
/** A SQL text[] constant. */
const textArray = (list) => `array[${list.map(literal).join(', ')}]::text[]`;
/** A uniform double in [0, 1), a pure function of (key, salt). */
const rand = (key, salt) =>
  `((hashint8extended((${key})::int8, ${salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;
/** An integer in [0, n). */
const randInt = (key, salt, n) => `floor(${rand(key, salt)} * (${n}))::int`;
/** One item of a word list. */
const pick = (list, key, salt) => `(${textArray(list)})[1 + ${randInt(key, salt, list.length)}]`;
/** A deterministic uuid from a text. */
const uuidOf = (textExpression) => `md5(${textExpression})::uuid`;
/** Epoch seconds (double) → timestamptz. */
const at = (seconds) => `to_timestamp(${seconds})`;

/** Items a, a+d1, a+d1+d2 of a list (all distinct), the third only sometimes: "Python, SQL, Docker". */
function pickSeveral(list, key, salt, thirdShare) {
  const n = list.length;
  const half = Math.floor(n / 2) - 1;
  const first = randInt(key, salt, n);
  const second = `(${first} + 1 + ${randInt(key, salt + 1, half)})`;
  const third = `(${second} + 1 + ${randInt(key, salt + 2, half)})`;
  const item = (index) => `(${textArray(list)})[1 + (${index}) % ${n}]`;
  return `${item(first)} || ', ' || ${item(second)} || case when ${rand(key, salt + 3)} < ${thirdShare} then ', ' || ${item(third)} else '' end`;
}

function databaseNameOf(databaseUrl) {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/.test(name)) throw new Error(`Unsupported database name "${name}"`);
  if (name === 'postgres') throw new Error('Refusing to seed the postgres database');
  return name;
}

function maintenanceUrlOf(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function withClient(connectionString, work) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The marker of a complete seed of this scale and version, or null (also when the database is missing). */
async function readMarker(databaseUrl, scale) {
  try {
    return await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query(`select to_regclass('public.bench_seed_info') is not null as present`);
      if (!rows[0].present) return null;
      const marker = await client.query(
        `select users, relations, tasks, comments from bench_seed_info where scale = $1 and version = $2`,
        [scale, SEED_VERSION],
      );
      return marker.rows[0] ?? null;
    });
  } catch (error) {
    if (error.code === '3D000') return null; // no such database
    throw error;
  }
}

function runMigrations(databaseUrl) {
  if (!existsSync(MIGRATE_SCRIPT)) throw new Error(`${MIGRATE_SCRIPT} is missing: run "npm run build" first`);
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_BINARY, [MIGRATE_SCRIPT], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        JWT_SECRET: process.env.JWT_SECRET || 'bench-secret-0123456789abcdef0123',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output.trim());
      else reject(new Error(`Migrations failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/** Session settings for bulk work; commits need not wait for the disk (a failed seed is redone anyway). */
async function tuneSession(client) {
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`set work_mem = '256MB'`);
  await client.query(`set max_parallel_maintenance_workers = 2`);
  // generate_series misleads the row estimates into JIT-compiling every statement (≈ 1.4 s each, for nothing).
  await client.query(`set jit = off`);
  // Fewer bytes of full-page images in the WAL of a bulk load (superuser only; skipped otherwise).
  await client.query(`set wal_compression = lz4`).catch(() => undefined);
}

/**
 * The secondary indexes, unique constraints and foreign keys of the loaded tables, as SQL that
 * recreates them exactly (names and definitions from the catalogue, so they match the migrations).
 */
async function readSecondaryStructures(client) {
  const tables = textArray(LOADED_TABLES);
  const constraints = await client.query(
    `select c.conrelid::regclass::text as table_name, c.conname as name, c.contype as type,
            pg_get_constraintdef(c.oid) as definition
       from pg_constraint c
      where c.conrelid = any (${tables}::regclass[]) and c.contype in ('u', 'f')
      order by c.contype desc, c.conname`,
  );
  const indexes = await client.query(
    `select i.indrelid::regclass::text as table_name, i.indexrelid::regclass::text as name,
            pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any (${tables}::regclass[]) and not i.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('u', 'p'))
      order by 1`,
  );
  const quoted = (name) => `"${name.replaceAll('"', '""')}"`;
  const table = (name) => (name.startsWith('"') ? name : quoted(name));
  return {
    drop: [
      ...constraints.rows
        .filter((row) => row.type === 'f')
        .map((row) => `alter table ${table(row.table_name)} drop constraint ${quoted(row.name)}`),
      ...constraints.rows
        .filter((row) => row.type === 'u')
        .map((row) => `alter table ${table(row.table_name)} drop constraint ${quoted(row.name)}`),
      ...indexes.rows.map((row) => `drop index ${row.name}`),
    ],
    /** Built in any order and in parallel, each once its table is loaded. */
    indexes: [
      ...indexes.rows.map((row) => ({ table: row.table_name, name: row.name, sql: row.definition })),
      ...constraints.rows
        .filter((row) => row.type === 'u')
        .map((row) => ({
          table: row.table_name,
          name: row.name,
          sql: `alter table ${table(row.table_name)} add constraint ${quoted(row.name)} ${row.definition}`,
        })),
    ],
    /** After the indexes; each validates every row (one join), so the data is checked by the database. */
    foreignKeys: constraints.rows
      .filter((row) => row.type === 'f')
      .map((row) => ({
        name: row.name,
        sql: `alter table ${table(row.table_name)} add constraint ${quoted(row.name)} ${row.definition}`,
      })),
  };
}

/**
 * Runs jobs ({ name, after: [names], run(client) }) on the given connections side by side (the
 * machine has two cores): each connection takes the first job, in list order, whose `after` jobs are done.
 */
async function runJobs(clients, jobs) {
  const pending = [...jobs];
  const done = new Set();
  let wakeUps = [];
  const known = new Set(jobs.map((job) => job.name));
  for (const job of jobs) {
    const unknown = job.after.filter((name) => !known.has(name));
    if (unknown.length) throw new Error(`Job ${job.name} waits for unknown jobs ${unknown.join(', ')}`);
  }
  let failed = false;
  const wakeAll = () => {
    const waiting = wakeUps;
    wakeUps = [];
    for (const wake of waiting) wake();
  };
  await Promise.all(
    clients.map(async (client) => {
      while (pending.length && !failed) {
        const index = pending.findIndex((job) => job.after.every((name) => done.has(name)));
        if (index < 0) {
          await new Promise((resolve) => wakeUps.push(resolve));
          continue;
        }
        const [job] = pending.splice(index, 1);
        try {
          await job.run(client);
        } catch (error) {
          failed = true;
          throw new Error(`Seed job "${job.name}" failed: ${error.message}`, { cause: error });
        } finally {
          done.add(job.name);
          wakeAll();
        }
      }
      // Nothing left to take: let the other connection's waits end too.
      wakeAll();
    }),
  );
}

/**
 * The load as jobs ({ name, table, after, sql }), for runJobs: `table` is the app table the job fills
 * (its indexes wait for all such jobs), `after` the jobs whose output it reads.
 */
function loadJobs({ scale: n, now: T }) {
  const W = WORK_SCHEMA;
  const accepted = Math.round((SHARE.usersInAccepted / 2) * n);
  const others = Math.round((SHARE.pending + SHARE.rejected + SHARE.cancelled + SHARE.completed) * n);
  const total = SHARE.pending + SHARE.rejected + SHARE.cancelled + SHARE.completed;
  const cut1 = SHARE.pending / total;
  const cut2 = (SHARE.pending + SHARE.rejected) / total;
  const cut3 = (SHARE.pending + SHARE.rejected + SHARE.cancelled) / total;
  const weekAgo = T - WEEK;

  const people = `
    create unlogged table ${W}.people as
    select id, ${T}::float8 - age as reg,
           case when id > 1 and u_kind < ${SHARE.tombstone} then 2
                when age < ${29 * DAY} and ${rand('id', 3)} < ${SHARE.unverifiedOfRecent} then 1
                else 0 end::smallint as kind,
           case when u_role < ${SHARE.roleNeither} then 0 when u_role < ${SHARE.roleMentee} then 1
                when u_role < ${SHARE.roleMentor} then 2 else 3 end::smallint as role,
           ${pick(WORDS.FIRST_NAMES, 'id', 4)} as first_name, ${pick(WORDS.LAST_NAMES, 'id', 5)} as last_name
      from (select id, 3600 + ${HISTORY_SECONDS - 3600}::float8 * power(1 - (id - 1)::float8 / ${n}, ${GROWTH}) as age,
                   ${rand('id', 1)} as u_kind, ${rand('id', 2)} as u_role
              from generate_series(1, ${n}) id) base`;

  // Tags (ids 1..TAG_COUNT in popularity order) and who holds which: 0–5 skills and 0–5 interests
  // per live user, each drawn log-uniformly by rank (a skewed, Zipf-like popularity; interests with
  // the ranks shifted, so the most wanted interests are not exactly the most held skills), duplicates
  // dropped, positions 0.. in draw order as PUT /user stores them.
  const labels = tagLabels();
  const tagsInsert = `
    insert into tags (id, slug, label)
    select ord, slug, label from unnest(${textArray(labels.map(tagSlugOf))}, ${textArray(labels)}) with ordinality as t(slug, label, ord)`;
  const tagDraws = (tagKind, salt, shift) => `
    select p.id as user_id, '${tagKind}'::text as tag_kind, j,
           1 + (floor(exp(${rand(`p.id * 8 + j`, salt + 1)} * ln(${TAG_COUNT + 1})))::int - 1 + ${shift}) % ${TAG_COUNT} as tag_id
      from ${W}.people p, generate_series(1, ${randInt('p.id', salt, MAX_USER_TAGS + 1)}) j
     where p.kind <> 2`;
  const userTagPlan = `
    create unlogged table ${W}.user_tag_plan as
    select user_id, tag_kind, tag_id, (row_number() over (partition by user_id, tag_kind order by first_j) - 1)::smallint as position
      from (select user_id, tag_kind, tag_id, min(j) as first_j
              from (${tagDraws('skill', 121, 0)} union all ${tagDraws('interest', 123, 7)}) draws
             group by user_id, tag_kind, tag_id) distinct_draws`;
  const userTagPlanKey = `create index on ${W}.user_tag_plan (user_id, tag_kind, position)`;
  const userTags = `
    insert into user_tags (user_id, kind, tag_id, position)
    select user_id, tag_kind, tag_id, position from ${W}.user_tag_plan order by user_id, tag_kind, tag_id`;
  /** The reference's free-text column kept in step, as PUT /user writes it: the labels joined with ", ". */
  const tagText = (tagKind) => `(select string_agg((${textArray(labels)})[t.tag_id], ', ' order by t.position)
             from ${W}.user_tag_plan t where t.user_id = p.id and t.tag_kind = '${tagKind}')`;

  // Ratings: some verified live mentors (mentees) rated 1–12 times in that role, mostly well.
  const rated = (role, salt) =>
    `kind = 0 and role in (${role === 'mentor' ? '2, 3' : '1, 3'}) and ${rand('id', salt)} < ${role === 'mentor' ? SHARE.ratedMentor : SHARE.ratedMentee}`;
  const ratingCount = (role, salt) =>
    `case when ${rated(role, salt)} then 1 + ${randInt('id', salt + 1, 12)} else 0 end`;
  const ratingTotal = (role, salt) => `case when ${rated(role, salt)} then
             round((1 + ${randInt('id', salt + 1, 12)}) * (1 + 4 * power(${rand('id', salt + 2)}, 0.35)))::int else 0 end`;

  // Blocks: random pairs of live users, one direction each (a pair drawn twice is kept once).
  const userBlocks = `
    insert into user_blocks (blocker_id, blocked_id, created_at)
    select a.id, b.id, greatest(a.reg, b.reg) + ${rand('g', 143)} * (${T} - greatest(a.reg, b.reg))
      from generate_series(1, ${Math.max(1, Math.round(SHARE.blocks * n))}) g
      join ${W}.people a on a.id = 1 + ${randInt('g', 141, n)} and a.kind <> 2
      join ${W}.people b on b.id = 1 + ${randInt('g', 142, n)} and b.kind <> 2
     where a.id <> b.id
     order by 1, 2
    on conflict do nothing`;

  // kind: 0 verified, 1 unverified, 2 tombstone. Tombstones keep only id, dates and is_email_verified.
  const live = (expression) => `case when kind = 2 then null else ${expression} end`;
  const maybe = (salt, share, expression) =>
    `case when kind = 2 or ${rand('id', salt)} >= ${share} then null else ${expression} end`;
  const users = (lo, hi) => `
    insert into users (id, name, username, email, password_hash, registration_date, terms_and_conditions_checked,
                       is_admin, is_email_verified, email_verification_date, bio, location, occupation, organization,
                       slack_username, social_media_links, skills, interests, need_mentoring, available_to_mentor,
                       deleted_at, mentor_rating_count, mentor_rating_total, mentee_rating_count, mentee_rating_total)
    select id, ${live(`first_name || ' ' || last_name`)}, ${live('handle')},
           ${live(`lower(first_name) || '.' || lower(last_name) || id || '@' || ${pick(WORDS.EMAIL_DOMAINS, 'id', 6)}`)},
           ${live('$1::text')}, reg, kind <> 2,
           kind = 0 and (id = 1 or ${rand('id', 9)} < ${SHARE.admin}), kind <> 1,
           case when kind <> 1 then ${at(`reg + 30 + ${rand('id', 10)} * least(${2 * DAY}, ${T} - reg - 60)`)} at time zone 'UTC' end,
           ${maybe(11, 0.8, `${pick(WORDS.BIO_OPENINGS, 'id', 12)} || ' ' || lower(${pick(WORDS.SKILLS, 'id', 13)}) || ' and ' || ${pick(WORDS.INTERESTS, 'id', 14)} || '. ' || ${pick(WORDS.BIO_ENDINGS, 'id', 15)}`)},
           ${maybe(16, 0.8, pick(WORDS.CITIES, 'id', 17))},
           ${maybe(18, 0.75, pick(WORDS.OCCUPATIONS, 'id', 19))},
           ${maybe(20, 0.6, pick(WORDS.ORGANIZATIONS, 'id', 21))},
           ${maybe(22, 0.35, 'handle')},
           ${maybe(23, 0.2, `'https://github.com/' || handle`)},
           ${tagText('skill')}, ${tagText('interest')},
           kind <> 2 and role in (1, 3), kind <> 2 and role in (2, 3),
           case when kind = 2 then ${at(`reg + ${rand('id', 34)} * (${T} - reg)`)} end,
           ${ratingCount('mentor', 131)}, ${ratingTotal('mentor', 131)},
           ${ratingCount('mentee', 135)}, ${ratingTotal('mentee', 135)}
      from (select *, lower(first_name) || '_' || lower(last_name) || id as handle
              from ${W}.people where id between ${lo} and ${hi}) p
     order by id`;

  // Pools of parties for relations other than ACCEPTED: verified users with the flag, live ones
  // first (k ≤ live count), tombstones after (only for finished relations).
  const pool = (name, roles) => `
    create unlogged table ${W}.${name} as
    select row_number() over (order by kind = 2, id)::int as k, id, reg, kind = 2 as gone
      from ${W}.people where kind <> 1 and role in (${roles})`;
  const poolKey = (name) => `alter table ${W}.${name} add primary key (k)`;

  // ACCEPTED pairs: each verified live user on one side at most (both-flag users on one side by hash),
  // the k-th mentor with the k-th mentee, so nobody is in two.
  const side = (roles, bothWhen) => `
    select id, reg, row_number() over (order by hashint8extended(id, ${roles === '2' ? 41 : 42})) as ak
      from ${W}.people where kind = 0 and (role = ${roles} or (role = 3 and ${rand('id', 43)} ${bothWhen} 0.5))`;
  const draftColumns = `insert into ${W}.relations_draft (g, mentor_id, mentee_id, action_user_id, creation,
                                 accept_date, end_date, state, u_notes)`;
  const relationsDraftTable = `
    create unlogged table ${W}.relations_draft (g bigint, mentor_id int, mentee_id int, action_user_id int,
      creation float8, accept_date float8, end_date float8, state smallint, u_notes float8)`;
  const acceptedDraft = `
    ${draftColumns}
    with mentors as (${side('2', '<')}), mentees as (${side('1', '>=')}),
    pairs as (
      select m.ak as g, m.id as mentor_id, e.id as mentee_id, greatest(m.reg, e.reg) as lo
        from mentors m join mentees e using (ak) where ak <= ${accepted}),
    accepted as (
      select g, mentor_id, mentee_id, lo,
             greatest(${T} - ${DAY} - ${rand('g', 51)} * ${20 * WEEK - DAY}, lo + 0.2 * (${T} - lo)) as creation
        from pairs)
    select g, mentor_id, mentee_id,
           case when ${rand('g', 52)} < 0.6 then mentee_id else mentor_id end as action_user_id,
           creation,
           creation + ${rand('g', 53)} * least(${7 * DAY}, (${T} - creation) * 0.5) as accept_date,
           creation + greatest(${4 * WEEK}, (${T} - creation) + ${DAY}
                               + ${rand('g', 54)} * (${24 * WEEK - DAY} - (${T} - creation))) as end_date,
           2::smallint as state, ${rand('g', 55)} as u_notes
      from accepted`;
  const othersDraft = `
    ${draftColumns}
    with draws as (
      select g, ${rand('g', 61)} as u_state, ${rand('g', 62)} as u_mentor, ${rand('g', 63)} as u_mentee
        from generate_series(1, ${others}) g),
    drawn as (
      select g, case when u_state < ${cut1} then 1 when u_state < ${cut2} then 3 when u_state < ${cut3} then 4
                     else 5 end as state, u_mentor, u_mentee
        from draws),
    counts as (
      select (select count(*) filter (where not gone) from ${W}.mentor_pool) as m_live,
             (select count(*) from ${W}.mentor_pool) as m_all,
             (select count(*) filter (where not gone) from ${W}.mentee_pool) as e_live,
             (select count(*) from ${W}.mentee_pool) as e_all),
    keyed as (
      select d.*, 1 + floor(u_mentor * case when state = 1 then m_live else m_all end)::int as mk,
             1 + floor(u_mentee * case when state = 1 then e_live else e_all end)::int as ek,
             case when state = 1 then e_live else e_all end as e_count
        from drawn d, counts),
    others as (
      select g, m.id as mentor_id, case when e1.id = m.id then e2.id else e1.id end as mentee_id,
             greatest(m.reg, case when e1.id = m.id then e2.reg else e1.reg end) as lo, state
        from keyed
        join ${W}.mentor_pool m on m.k = keyed.mk
        join ${W}.mentee_pool e1 on e1.k = keyed.ek
        join ${W}.mentee_pool e2 on e2.k = keyed.ek % keyed.e_count + 1)
    select g, mentor_id, mentee_id,
           case when ${rand('g', 72)} < 0.6 then mentee_id else mentor_id end,
           creation, case when state in (4, 5) then creation + ${rand('g', 73)} * least(${7 * DAY}, (${T} - creation) * 0.5) end,
           case when state = 5 then creation + ${4 * WEEK} + ${rand('g', 74)} * least(${20 * WEEK}, ${T} - 3600 - creation - ${4 * WEEK})
                else creation + ${4 * WEEK} + ${rand('g', 74)} * ${20 * WEEK} end,
           state::smallint, ${rand('g', 75)}
      from (select g, mentor_id, mentee_id, lo, st as state,
                   case st when 1 then greatest(${T} - ${rand('g', 71)} * ${14 * DAY}, lo + 0.5 * (${T} - lo))
                           when 5 then lo + ${rand('g', 71)} * (${T - 4 * WEEK - 3600} - lo)
                           else lo + ${rand('g', 71)} * (${T} - 3600 - lo) end as creation
              from (select *, case when state = 5 and lo >= ${T - 4 * WEEK - 7200} then 3 else state end as st
                      from others where mentee_id <> mentor_id) fixed) dated`;

  const relations = `
    insert into mentorship_relations (id, mentor_id, mentee_id, action_user_id, creation_date, accept_date, start_date,
                                      end_date, state, notes)
    select row_number() over (order by creation, g, state), mentor_id, mentee_id, action_user_id, creation,
           accept_date, accept_date, end_date, state,
           case when u_notes < 0.15 then '' else (${textArray(WORDS.REQUEST_NOTES)})[1 + floor((u_notes - 0.15) / 0.85 * ${WORDS.REQUEST_NOTES.length})::int] end
      from ${W}.relations_draft
     order by 1`;

  const activeMemberships = `
    insert into active_mentorships (user_id, relation_id)
    select mentor_id, id from mentorship_relations where state = 2
    union all
    select mentee_id, id from mentorship_relations where state = 2`;

  // Task ids are given here (first_task_id + number - 1), so the two halves can load side by side.
  const taskPlan = `
    create unlogged table ${W}.task_plan as
    select *, sum(n) over (order by relation_id) - n + 1 as first_task_id
      from (select id as relation_id, mentor_id, mentee_id, state, accept_date as lo, least(${T}, end_date) as hi,
                   least(${MAX_TASKS}, floor(-${MEAN_TASKS} * ln(1 - ${rand('id', 81)})))::int as n
              from mentorship_relations where state in (2, 4, 5)) plan
     where n > 0`;
  const half = (which, column) =>
    `${column} ${which === 1 ? '<=' : '>'} (select max(relation_id) / 2 from ${W}.task_plan)`;
  const taskPlanKey = `alter table ${W}.task_plan add primary key (relation_id)`;

  const taskKey = 'relation_id * 64 + k';
  const tasks = (which) => `
    insert into tasks (id, relation_id, number, description, is_done, created_at, completed_at, created_by)
    select first_task_id + k - 1, relation_id, k, description, done, created_at,
           case when done then created_at + ${rand(taskKey, 84)} * (hi - created_at) end,
           case when ${rand(taskKey, 85)} < 0.5 then mentor_id else mentee_id end
      from (select p.*, k,
                   ${pick(WORDS.TASK_VERBS, taskKey, 86)} || ' ' || ${pick(WORDS.TASK_OBJECTS, taskKey, 87)} as description,
                   lo + (hi - lo) * (k - 1 + 0.9 * ${rand(taskKey, 82)}) / n as created_at,
                   ${rand(taskKey, 83)} < case state when 5 then 0.75 when 4 then 0.35 else 0.45 end as done
              from ${W}.task_plan p, generate_series(1, p.n) k where ${half(which, 'p.relation_id')}) t
     order by 1`;

  const taskCounters = `
    insert into task_counters (relation_id, next_number) select relation_id, n + 1 from ${W}.task_plan`;

  const commentKey = 'task_id * 8 + j';
  const comments = (which) => `
    insert into task_comments (task_id, relation_id, user_id, comment, creation_date, modification_date)
    select task_id, relation_id, case when ${rand(commentKey, 91)} < 0.5 then mentor_id else mentee_id end,
           ${pick(WORDS.COMMENTS, commentKey, 92)}, created,
           case when ${rand(commentKey, 93)} < 0.08 then created + ${rand(commentKey, 94)} * least(3600, hi - created) end
      from (select c.*, j, c.created_at + (c.hi - c.created_at) * (j - 1 + 0.9 * ${rand(commentKey, 95)}) / c.comment_count as created
              from (select t.id as task_id, t.relation_id, t.created_at, p.mentor_id, p.mentee_id, p.hi,
                           1 + least(4, floor(-1.3 * ln(1 - ${rand('t.id', 96)})))::int as comment_count
                      from tasks t join ${W}.task_plan p using (relation_id)
                     where ${rand('t.id', 97)} < ${SHARE.commentedTasks} and ${half(which, 't.relation_id')}) c,
                   generate_series(1, c.comment_count) j) comment
     order by task_id, j`;

  // History. Event ids are md5 of "<event kind>:<row id>", so an outbox row and its audit row share one.
  const requestId = (kind, id) => `${uuidOf(`'request:${kind}:' || ${id}`)}::text`;
  const auditRows = (select) => `
    insert into audit_log (event_id, action, actor_id, target_type, target_id, request_id, occurred_at, details)
    ${select}`;
  const loginOf = `kind = 0 and ${rand('id', 101)} < ${SHARE.loggedInLastWeek}`;
  const loginTime = `${T} - ${rand('id', 102)} * least(${WEEK}, ${T} - extract(epoch from u.email_verification_date at time zone 'UTC') - 1)`;
  const clientAddress = `'203.0.113.' || (1 + ${randInt('id', 103, 254)})`;
  const audit = [
    auditRows(`
      select ${uuidOf(`'user_registered:' || id`)}, 'accounts.user_registered', id, 'user', id::text,
             ${requestId('user_registered', 'id')}, ${at('reg')}, jsonb_build_object('isAdmin', id = 1)
        from ${W}.people order by 7`),
    auditRows(`
      select ${uuidOf(`'email_verified:' || id`)}, 'accounts.email_verified', id, 'user', id::text,
             ${requestId('email_verified', 'id')}, email_verification_date at time zone 'UTC', '{}'::jsonb
        from users where is_email_verified order by 7`),
    auditRows(`
      select ${uuidOf(`'user_deleted:' || id`)}, 'accounts.user_deleted', id, 'user', id::text,
             ${requestId('user_deleted', 'id')}, deleted_at, '{"reason": "self_service"}'::jsonb
        from users where deleted_at is not null order by 7`),
    auditRows(`
      select ${uuidOf(`'relation_requested:' || id`)}, 'mentorship.relation_requested', action_user_id,
             'mentorship_relation', id::text, ${requestId('relation_requested', 'id')}, ${at('creation_date')},
             jsonb_build_object('mentorId', mentor_id, 'menteeId', mentee_id)
        from mentorship_relations order by 7`),
    auditRows(`
      select ${uuidOf(`'relation_accepted:' || id`)}, 'mentorship.relation_accepted',
             case when action_user_id = mentor_id then mentee_id else mentor_id end,
             'mentorship_relation', id::text, ${requestId('relation_accepted', 'id')}, ${at('accept_date')},
             jsonb_build_object('mentorId', mentor_id, 'menteeId', mentee_id)
        from mentorship_relations where accept_date is not null order by 7`),
    auditRows(`
      select ${uuidOf(`'user_logged_in:' || id`)}, 'accounts.user_logged_in', id, 'user', id::text,
             ${requestId('user_logged_in', 'id')}, ${at(loginTime)},
             jsonb_build_object('sessionId', ${uuidOf(`'session:' || id`)}, 'clientAddress', ${clientAddress})
        from ${W}.people p join users u using (id) where ${loginOf} order by 7`),
  ];

  const outboxRows = (select) => `
    insert into outbox (event_id, event_type, payload, meta, occurred_at, available_at, attempts, delivered_to,
                        processed_at)
    select event_id, event_type, payload, meta, occurred_at, occurred_at, 0, delivered_to,
           occurred_at + (0.02 + ${rand('hashtext(event_id::text)', 111)} * 1.5) * interval '1 second'
      from (${select}) events order by occurred_at`;
  const meta = (actor, kind, id) => `jsonb_build_object('actorId', ${actor}, 'requestId', ${requestId(kind, id)})`;
  const deliveredTo = (...handlers) => `'${JSON.stringify([AUDIT_HANDLER, ...handlers])}'::jsonb`;
  const relationFacts = `'relationId', id, 'mentorId', mentor_id, 'menteeId', mentee_id, 'actionUserId', action_user_id, 'endDate', end_date`;
  const outbox = [
    outboxRows(`
      select ${uuidOf(`'user_registered:' || id`)} as event_id, 'accounts.user_registered' as event_type,
             jsonb_build_object('userId', id, 'isAdmin', id = 1) as payload, ${meta('id', 'user_registered', 'id')} as meta,
             ${at('registration_date')} as occurred_at, ${deliveredTo()} as delivered_to
        from users where deleted_at is null and registration_date > ${weekAgo}
      union all
      select ${uuidOf(`'verification_email_requested:' || id`)}, 'accounts.verification_email_requested',
             jsonb_build_object('userId', id, 'email', email, 'name', name), ${meta('id', 'user_registered', 'id')},
             ${at('registration_date')}, ${deliveredTo('SendVerificationEmailWhenVerificationEmailRequested')}
        from users where deleted_at is null and registration_date > ${weekAgo}
      union all
      select ${uuidOf(`'email_verified:' || id`)}, 'accounts.email_verified', jsonb_build_object('userId', id),
             ${meta('id', 'email_verified', 'id')}, email_verification_date at time zone 'UTC', ${deliveredTo()}
        from users where deleted_at is null and email_verification_date > ${at(weekAgo)} at time zone 'UTC'`),
    outboxRows(`
      select ${uuidOf(`'user_logged_in:' || id`)} as event_id, 'accounts.user_logged_in' as event_type,
             jsonb_build_object('userId', id, 'sessionId', ${uuidOf(`'session:' || id`)}, 'clientAddress', ${clientAddress}) as payload,
             ${meta('id', 'user_logged_in', 'id')} as meta, ${at(loginTime)} as occurred_at, ${deliveredTo()} as delivered_to
        from ${W}.people p join users u using (id) where ${loginOf}`),
    outboxRows(`
      select ${uuidOf(`'relation_requested:' || id`)} as event_id, 'mentorship.relation_requested' as event_type,
             jsonb_build_object(${relationFacts}, 'notes', notes) as payload,
             ${meta('action_user_id', 'relation_requested', 'id')} as meta, ${at('creation_date')} as occurred_at,
             ${deliveredTo('SendRequestEmailWhenRelationRequested')} as delivered_to
        from mentorship_relations where creation_date > ${weekAgo}
      union all
      select ${uuidOf(`'relation_accepted:' || id`)}, 'mentorship.relation_accepted', jsonb_build_object(${relationFacts}),
             ${meta('case when action_user_id = mentor_id then mentee_id else mentor_id end', 'relation_accepted', 'id')},
             ${at('accept_date')}, ${deliveredTo('SendAcceptedEmailWhenRelationAccepted')}
        from mentorship_relations where accept_date > ${weekAgo}`),
  ];

  const job = (name, table, after, ...sql) => ({ name, table, after, sql });
  const half1 = Math.floor(n / 2);
  return {
    setup: [relationsDraftTable],
    jobs: [
      job('people', null, [], people, `analyze ${W}.people`),
      job('user tag plan', null, ['people'], userTagPlan, userTagPlanKey, `analyze ${W}.user_tag_plan`),
      job('tags', 'tags', [], tagsInsert),
      job('user_tags', 'user_tags', ['user tag plan'], userTags),
      job('user_blocks', 'user_blocks', ['people'], userBlocks),
      job('users 1', 'users', ['user tag plan'], users(1, half1)),
      job('users 2', 'users', ['user tag plan'], users(half1 + 1, n)),
      job(
        'pools',
        null,
        ['people'],
        pool('mentor_pool', '2, 3'),
        pool('mentee_pool', '1, 3'),
        poolKey('mentor_pool'),
        poolKey('mentee_pool'),
        `analyze ${W}.mentor_pool, ${W}.mentee_pool`,
      ),
      job('accepted relations', null, ['people'], acceptedDraft),
      job('other relations', null, ['pools'], othersDraft),
      job('relations', 'mentorship_relations', ['accepted relations', 'other relations'], relations),
      job('task plan', null, ['relations'], taskPlan, taskPlanKey, `analyze ${W}.task_plan`),
      job('tasks 1', 'tasks', ['task plan'], tasks(1)),
      job('tasks 2', 'tasks', ['task plan'], tasks(2)),
      job('comments 1', 'task_comments', ['tasks 1', 'tasks 2'], comments(1)),
      job('comments 2', 'task_comments', ['tasks 1', 'tasks 2'], comments(2)),
      job('active_mentorships', 'active_mentorships', ['relations'], activeMemberships),
      job('task_counters', 'task_counters', ['task plan'], taskCounters),
      job('audit: registered', 'audit_log', ['people'], audit[0]),
      job('audit: verified', 'audit_log', ['users 1', 'users 2'], audit[1]),
      job('audit: deleted', 'audit_log', ['users 1', 'users 2'], audit[2]),
      job('audit: requested', 'audit_log', ['relations'], audit[3]),
      job('audit: accepted', 'audit_log', ['relations'], audit[4]),
      job('audit: logins', 'audit_log', ['users 1', 'users 2'], audit[5]),
      job('outbox: accounts', 'outbox', ['users 1', 'users 2'], outbox[0]),
      job('outbox: logins', 'outbox', ['users 1', 'users 2'], outbox[1]),
      job('outbox: relations', 'outbox', ['relations'], outbox[2]),
    ],
  };
}

const SERIAL_TABLES = ['tags', 'users', 'mentorship_relations', 'tasks', 'task_comments', 'audit_log', 'outbox'];

async function countRows(client) {
  const { rows } = await client.query(
    `select (select count(*) from users)::int as users, (select count(*) from mentorship_relations)::int as relations,
            (select count(*) from tasks)::int as tasks, (select count(*) from task_comments)::int as comments,
            (select count(*) from active_mentorships)::int as active_memberships,
            (select count(*) from audit_log)::int as audit, (select count(*) from outbox)::int as outbox,
            (select count(*) from tags)::int as tags, (select count(*) from user_tags)::int as user_tags,
            (select count(*) from user_blocks)::int as user_blocks,
            (select count(*) from users where mentor_rating_count > 0 or mentee_rating_count > 0)::int as rated_users`,
  );
  return rows[0];
}

/**
 * Drops and re-creates the database of `databaseUrl`, applies the app's migrations (dist/ must be
 * built), fills it and returns the counts. With `reuse`, a database that already holds a complete
 * seed of this scale is left as it is.
 */
export async function seed({ databaseUrl, scale, reuse = false, log = console.error }) {
  const started = performance.now();
  const n = typeof scale === 'number' ? scale : parseScale(scale);
  const elapsed = () => (performance.now() - started) / 1000;
  const database = databaseNameOf(databaseUrl);

  if (reuse) {
    const marker = await readMarker(databaseUrl, n);
    if (marker) {
      log(`seed: reusing ${database} (${n} users)`);
      return { ...marker, seconds: elapsed(), reused: true };
    }
  }

  const passwordHash = await argon2Hash(SEED_PASSWORD, { ...ARGON2_OPTIONS, salt: ARGON2_SALT });
  await withClient(maintenanceUrlOf(databaseUrl), async (client) => {
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.query(`create database "${database}"`);
  });
  log(`seed: ${database} created; applying migrations`);
  await runMigrations(databaseUrl);

  const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  try {
    await Promise.all(clients.map((client) => client.connect()));
    await Promise.all(clients.map(tuneSession));
    const [main] = clients;
    const structures = await readSecondaryStructures(main);
    for (const sql of structures.drop) await main.query(sql);
    await main.query(`drop schema if exists ${WORK_SCHEMA} cascade`);
    await main.query(`create schema ${WORK_SCHEMA}`);

    const walBefore = (await main.query(`select pg_current_wal_lsn() as lsn`)).rows[0].lsn;
    const plan = loadJobs({ scale: n, now: Math.round(Date.now()) / 1000 });
    for (const sql of plan.setup) await main.query(sql);
    const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);
    const timedJob = (job) => ({
      ...job,
      async run(client) {
        const t0 = performance.now();
        let rows = 0;
        for (const sql of job.sql)
          rows += (await client.query(sql, sql.includes('$1') ? [passwordHash] : [])).rowCount ?? 0;
        log(`seed: ${job.name}${rows ? ` (${rows} rows)` : ''} in ${seconds(t0)} s`);
      },
    });
    // Each table's indexes as soon as that table is loaded; the foreign keys (which validate every
    // row against the indexes) once everything is.
    const loadsOf = (table) => plan.jobs.filter((job) => job.table === table).map((job) => job.name);
    const indexJobs = structures.indexes.map((index) => ({
      name: `index ${index.name}`,
      after: loadsOf(index.table),
      sql: [index.sql],
    }));
    const everything = [...plan.jobs, ...indexJobs].map((job) => job.name);
    const foreignKeyJobs = structures.foreignKeys.map((key) => ({
      name: `foreign key ${key.name}`,
      after: everything,
      sql: [key.sql],
    }));
    let t0 = performance.now();
    await runJobs(clients, [...plan.jobs, ...indexJobs, ...foreignKeyJobs].map(timedJob));
    log(`seed: loaded, indexed and checked in ${seconds(t0)} s`);

    for (const table of SERIAL_TABLES) {
      await main.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from "${table}"), 1))`,
      );
    }
    await main.query(`drop schema ${WORK_SCHEMA} cascade`);

    t0 = performance.now();
    const { rows: tables } = await main.query(
      `select tablename from pg_tables where schemaname = 'public' order by pg_total_relation_size(quote_ident(tablename)) desc`,
    );
    await runJobs(
      clients,
      tables.map(({ tablename }) => ({
        name: tablename,
        after: [],
        run: (client) => client.query(`vacuum (analyze) "${tablename}"`),
      })),
    );
    const wal = (await main.query(`select pg_wal_lsn_diff(pg_current_wal_lsn(), $1) as bytes`, [walBefore])).rows[0];
    log(`seed: vacuum analyze in ${seconds(t0)} s; ${(Number(wal.bytes) / 2 ** 30).toFixed(2)} GiB of WAL written`);

    const counts = await countRows(main);
    const total = elapsed();
    await main.query(
      `create table bench_seed_info (scale int primary key, version int not null, users int not null,
         relations int not null, tasks int not null, comments int not null, seeded_at timestamptz not null,
         seconds float8 not null)`,
    );
    await main.query(`insert into bench_seed_info values ($1, $2, $3, $4, $5, $6, now(), $7)`, [
      n,
      SEED_VERSION,
      counts.users,
      counts.relations,
      counts.tasks,
      counts.comments,
      total,
    ]);
    log(
      `seed: ${database} done in ${total.toFixed(1)} s: ${Object.entries(counts)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ')}`,
    );
    return {
      users: counts.users,
      relations: counts.relations,
      tasks: counts.tasks,
      comments: counts.comments,
      seconds: total,
      reused: false,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * Users for the scenarios, found with indexed queries and LIMITs (fast at 1M users too):
 *   readers     verified live users, each in a distinct ACCEPTED relation with ≥ 5 tasks, with the
 *               number of one of its tasks that has a comment;
 *   requesters  verified live users who need mentoring, are in no ACCEPTED relation and have no PENDING
 *               request as mentee (so no request to any mentor can be a duplicate);
 *   mentors     verified live users available to mentor, in no ACCEPTED relation, never a requester.
 * Fewer are returned when the population has fewer (e.g. 4000 free mentors need ≈ 15k users).
 */
export async function pickFixtures(databaseUrl, { readers = 64, requesters = 64, mentors = 4000 } = {}) {
  return withClient(databaseUrl, async (client) => {
    // One party per relation (mentor or mentee by the relation's parity), from a bounded run of
    // active_mentorships in key order (about 1 in 6 qualifies), widened until enough are found.
    let readerRows = [];
    for (let candidates = readers * 16; ; candidates *= 4) {
      const { rows } = await client.query(
        `with candidate as materialized (
           select user_id, relation_id from active_mentorships order by user_id limit $2)
         select u.id as "userId", u.username, r.id as "relationId", t.number as "taskNumber"
           from candidate a
           join mentorship_relations r on r.id = a.relation_id and r.state = 2
           join task_counters c on c.relation_id = r.id and c.next_number >= 6
           join users u on u.id = a.user_id and u.deleted_at is null and u.is_email_verified
           cross join lateral (
             select t.number from tasks t
              where t.relation_id = r.id and exists (select 1 from task_comments tc where tc.task_id = t.id)
              order by t.number limit 1) t
          where a.user_id = case when r.id % 2 = 0 then r.mentor_id else r.mentee_id end
          order by a.user_id
          limit $1`,
        [readers, candidates],
      );
      readerRows = rows;
      if (readerRows.length >= readers) break;
      const { rows: memberships } = await client.query(`select count(*)::int as count from active_mentorships`);
      if (candidates >= memberships[0].count) break;
    }
    // Not available to mentor, so requesters and mentors can never overlap.
    const requesterRows = await client.query(
      `select u.id as "userId", u.username from users u
        where u.need_mentoring and not u.available_to_mentor and u.is_email_verified and u.deleted_at is null
          and not exists (select 1 from active_mentorships a where a.user_id = u.id)
          and not exists (select 1 from mentorship_relations r where r.mentee_id = u.id and r.state = 1)
        order by u.id limit $1`,
      [requesters],
    );
    const requesterIds = requesterRows.rows.map((row) => row.userId);
    const mentorRows = await client.query(
      `select u.id as "userId", u.username from users u
        where u.available_to_mentor and u.is_email_verified and u.deleted_at is null
          and not exists (select 1 from active_mentorships a where a.user_id = u.id)
          and u.id <> all ($2::int[])
        order by u.id limit $1`,
      [mentors, requesterIds],
    );
    return { readers: readerRows, requesters: requesterRows.rows, mentors: mentorRows.rows };
  });
}

function parseArguments(argv) {
  const options = { reuse: false, fixtures: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--reuse') options.reuse = true;
    else if (argument === '--fixtures') options.fixtures = true;
    else if (argument === '--scale') options.scale = argv[++index];
    else if (argument === '--database-url') options.databaseUrl = argv[++index];
    else throw new Error(`Unknown argument "${argument}"`);
  }
  if (!options.scale)
    throw new Error('Usage: bench/seed/index.mjs --scale 100k [--database-url URL] [--reuse] [--fixtures]');
  return options;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const options = parseArguments(process.argv.slice(2));
    const scale = parseScale(options.scale);
    const databaseUrl =
      options.databaseUrl ?? `postgres://postgres@127.0.0.1:5432/bench_${options.scale.trim().toLowerCase()}`;
    const result = await seed({ databaseUrl, scale, reuse: options.reuse });
    console.log(JSON.stringify(result));
    if (options.fixtures) {
      const t0 = performance.now();
      const fixtures = await pickFixtures(databaseUrl);
      console.log(
        JSON.stringify({
          readers: fixtures.readers.length,
          requesters: fixtures.requesters.length,
          mentors: fixtures.mentors.length,
          seconds: (performance.now() - t0) / 1000,
          sample: { reader: fixtures.readers[0], requester: fixtures.requesters[0], mentor: fixtures.mentors[0] },
        }),
      );
    }
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  }
}
