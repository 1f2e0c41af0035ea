/**
 * 1,000 open live streams (GET /events) on one API process: what each costs in memory, and how
 * fast a message reaches one of them while they are all open.
 *
 * Against a running server (this script never builds nor starts one):
 *
 *   npm run build
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_streams JWT_SECRET=bench-secret-0123456789abcdef0123 \
 *     NODE_ENV=production METRICS_TOKEN=bench-metrics-token-0123 PORT=3998 LOG_LEVEL=warn npm run start:prod &
 *   BASE_URL=http://127.0.0.1:3998 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_streams \
 *     JWT_SECRET=bench-secret-0123456789abcdef0123 METRICS_TOKEN=bench-metrics-token-0123 \
 *     node bench/streams.mjs
 *
 * (Create the database first: `createdb -h 127.0.0.1 -U postgres bench_streams`; the server applies
 * its migrations on start. Add REDIS_URL to the server to measure the Redis pub/sub path.)
 *
 * What it does:
 * 1. Seeds STREAMS users straight into PostgreSQL (half mentors, half mentees, verified, unique per
 *    run) and signs each an access token with JWT_SECRET (tokens of no session, as in
 *    bench/session-check.mjs: no 1,000 logins and argon2 hashes).
 * 2. Reads the server's memory from GET /metrics (process_resident_memory_bytes,
 *    nodejs_heap_size_used_bytes), opens one stream per user (OPEN_CONCURRENCY at a time), waits
 *    SETTLE_MS, reads the memory again and the gauge mentorship_live_streams_open:
 *    memory per stream = (after − before) / streams.
 * 3. With every stream still open, MESSAGES times: a mentee sends a mentorship request to a random
 *    mentor (POST /mentorship_relation/send_request), whose stream receives the notification
 *    (outbox → feed → LiveBus → stream). Delay = arrival on the stream − the 201 (and − the send);
 *    SEND_CONCURRENCY requests at a time, never two outstanding to the same mentor.
 * 4. Prints p50 / p99 / max of the delays, the memory figures, and checks every stream stayed open.
 *
 * Variables: BASE_URL (loopback only), DATABASE_URL, JWT_SECRET (the server's), METRICS_TOKEN (when
 * the server has one; with NODE_ENV=production /metrics needs it), STREAMS (1000), MESSAGES (200, at
 * most STREAMS/2), SEND_CONCURRENCY (4), OPEN_CONCURRENCY (50), SETTLE_MS (3000), TIMEOUT_MS (5000).
 * The seeded users, requests and notifications stay in the database: use a database of its own.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, cpus, totalmem } from 'node:os';
import pg from 'pg';

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:3998').replace(/\/+$/, '');
const DATABASE_URL = process.env.DATABASE_URL;
const SECRET = process.env.JWT_SECRET;
const METRICS_TOKEN = process.env.METRICS_TOKEN;
const STREAMS = Number(process.env.STREAMS ?? 1000);
const MESSAGES = Math.min(Number(process.env.MESSAGES ?? 200), Math.floor(STREAMS / 2));
const SEND_CONCURRENCY = Number(process.env.SEND_CONCURRENCY ?? 4);
const OPEN_CONCURRENCY = Number(process.env.OPEN_CONCURRENCY ?? 50);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 3000);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 5000);

if (!SECRET || !DATABASE_URL) throw new Error('Set DATABASE_URL and JWT_SECRET to the server’s');
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE_URL)) {
  throw new Error('BASE_URL must be a loopback URL');
}
if (!Number.isInteger(STREAMS) || STREAMS < 2) throw new Error('STREAMS must be an integer ≥ 2');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function sign(identity) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iat: now, nbf: now, jti: randomUUID(), exp: now + 6 * 3600, identity, fresh: false, type: 'access' };
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

/** GET /metrics → the samples of the API process (name → value). */
async function metrics() {
  const response = await fetch(`${BASE_URL}/metrics`, {
    headers: METRICS_TOKEN ? { authorization: `Bearer ${METRICS_TOKEN}` } : {},
  });
  if (response.status !== 200) {
    throw new Error(
      `GET /metrics answered ${response.status}: set METRICS_TOKEN to the server's (or run it without NODE_ENV=production)`,
    );
  }
  const values = new Map();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})?\s+([-\d.e+]+)$/i.exec(line);
    if (match && !values.has(match[1])) values.set(match[1], Number(match[3]));
  }
  return values;
}

async function seedUsers(run) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `insert into users (name, username, email, registration_date, terms_and_conditions_checked,
                          is_email_verified, email_verification_date, need_mentoring, available_to_mentor)
       select 'Stream Bench', 'live_' || $1 || '_' || i, 'live_' || $1 || '_' || i || '@bench.example.org',
              extract(epoch from now()), true, true, now() at time zone 'UTC', i % 2 = 1, i % 2 = 0
         from generate_series(0, $2 - 1) i
       returning id, available_to_mentor`,
      [run, STREAMS],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** Opens one stream; resolves once its first bytes are in. Notifications are handed to `onEvent`. */
function openStream(user) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${BASE_URL}/events`, {
      agent,
      headers: { accept: 'text/event-stream', authorization: `Bearer ${user.token}` },
    });
    const timer = setTimeout(() => reject(new Error(`stream of user ${user.id}: no answer`)), 30_000);
    request.on('error', (error) => {
      user.open = false;
      reject(error);
    });
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        clearTimeout(timer);
        reject(new Error(`GET /events answered ${response.statusCode}`));
        return;
      }
      let buffer = '';
      let started = false;
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        if (!started) {
          started = true;
          user.open = true;
          clearTimeout(timer);
          resolve();
        }
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.includes('event: notification')) user.onEvent?.(Date.now());
        }
      });
      response.on('close', () => {
        if (user.request === request) user.open = false;
      });
    });
    user.request = request;
    user.close = () => request.destroy();
    request.end();
  });
}

async function inBatches(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await work(item);
      }
    }),
  );
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

const run = randomBytes(3).toString('hex');
console.log(`# live streams bench — ${new Date().toISOString()}`);
console.log(`# command: BASE_URL=${BASE_URL} STREAMS=${STREAMS} MESSAGES=${MESSAGES} node bench/streams.mjs`);
console.log(
  `# machine: ${availableParallelism()} cores, ${cpus()[0]?.model ?? '?'}, ${mb(totalmem())}; node ${process.version}`,
);

const seeded = await seedUsers(run);
const users = seeded.map((row) => ({ id: row.id, mentor: row.available_to_mentor, token: sign(row.id), open: false }));
const mentors = users.filter((user) => user.mentor);
const mentees = users.filter((user) => !user.mentor);
console.log(`seeded ${users.length} users (${mentors.length} mentors, ${mentees.length} mentees), run ${run}`);

// Warm the routes up so the baseline holds the code paths, not their first-use allocations.
for (const user of users.slice(0, 5)) {
  await openStream(user);
  user.close();
}
await sleep(SETTLE_MS);
const before = await metrics();

const openStarted = performance.now();
await inBatches(users, OPEN_CONCURRENCY, (user) => openStream(user));
const openSeconds = (performance.now() - openStarted) / 1000;
await sleep(SETTLE_MS);
const after = await metrics();
const openNow = users.filter((user) => user.open).length;
const rss = (after.get('process_resident_memory_bytes') ?? NaN) - (before.get('process_resident_memory_bytes') ?? NaN);
const heap = (after.get('nodejs_heap_size_used_bytes') ?? NaN) - (before.get('nodejs_heap_size_used_bytes') ?? NaN);
console.log(
  `opened ${openNow} streams in ${openSeconds.toFixed(1)} s; server gauge mentorship_live_streams_open = ${after.get('mentorship_live_streams_open')}`,
);
console.log(
  `memory: RSS ${mb(before.get('process_resident_memory_bytes'))} → ${mb(after.get('process_resident_memory_bytes'))}, ` +
    `heap used ${mb(before.get('nodejs_heap_size_used_bytes'))} → ${mb(after.get('nodejs_heap_size_used_bytes'))}`,
);

// Messages, while every stream stays open.
const delays = [];
const endToEnd = [];
let lost = 0;
let failed = 0;
const busy = new Set();
const pairs = mentees.slice(0, MESSAGES);
await inBatches(pairs, SEND_CONCURRENCY, async (mentee) => {
  let mentor;
  do mentor = mentors[Math.floor(Math.random() * mentors.length)];
  while (busy.has(mentor));
  busy.add(mentor);
  try {
    let answeredAt = 0;
    const sentAt = Date.now();
    const arrived = new Promise((resolve) => {
      mentor.onEvent = resolve;
      setTimeout(() => resolve(null), TIMEOUT_MS);
    });
    const response = await fetch(`${BASE_URL}/mentorship_relation/send_request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mentee.token}` },
      body: JSON.stringify({
        mentor_id: mentor.id,
        mentee_id: mentee.id,
        end_date: Math.floor(Date.now() / 1000) + 8 * 7 * 86_400,
        notes: 'Stream bench',
      }),
    });
    answeredAt = Date.now();
    await response.arrayBuffer();
    if (response.status !== 201) {
      failed += 1;
      return;
    }
    const at = await arrived;
    if (at === null) lost += 1;
    else {
      delays.push(Math.max(0, at - answeredAt));
      endToEnd.push(at - sentAt);
    }
  } finally {
    mentor.onEvent = undefined;
    busy.delete(mentor);
  }
});

const stillOpen = users.filter((user) => user.open).length;
for (const user of users) user.close?.();
delays.sort((a, b) => a - b);
endToEnd.sort((a, b) => a - b);

console.log('');
console.log('| figure | value |');
console.log('| --- | --- |');
console.log(`| streams open (client / server gauge) | ${openNow} / ${after.get('mentorship_live_streams_open')} |`);
console.log(`| RSS per stream | ${kb(rss / openNow)} (${mb(rss)} for ${openNow}) |`);
console.log(`| heap used per stream | ${kb(heap / openNow)} (${mb(heap)} for ${openNow}) |`);
console.log(
  `| messages delivered / sent | ${delays.length} / ${pairs.length - failed} (lost ${lost}, send errors ${failed}) |`,
);
console.log(
  `| delivery delay from the 201, p50 / p99 / max | ${percentile(delays, 50)} / ${percentile(delays, 99)} / ${delays.at(-1)} ms |`,
);
console.log(
  `| from the send, p50 / p99 / max | ${percentile(endToEnd, 50)} / ${percentile(endToEnd, 99)} / ${endToEnd.at(-1)} ms |`,
);
console.log(`| streams still open after the messages | ${stillOpen} of ${openNow} |`);
if (lost === pairs.length - failed && lost > 0) {
  console.log(
    '\nNo notification arrived: does a process relay the outbox (a worker, or RUN_BACKGROUND_JOBS=true with REDIS_URL)?',
  );
}
agent.destroy();
process.exit(lost + failed > 0 || stillOpen < openNow ? 1 : 0);
