/**
 * Checks a seeded database against the app itself: logs fixture users in with SEED_PASSWORD and
 * sends the benchmark's requests (and a few more) to a running server, expecting 200/201 everywhere.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_10k JWT_SECRET=bench-secret-0123456789abcdef0123 \
 *     PORT=3990 NODE_ENV=production LOG_LEVEL=warn node_modules/.bin/node dist/apps/api/src/main.js &
 *   DATABASE_URL=… BASE=http://127.0.0.1:3990 node_modules/.bin/node bench/seed/check-app.mjs
 *
 * Writes a little (a task, its completion, a comment, a mentorship request per run). Loopback only;
 * a bounded number of requests (about 20 per sampled user).
 */
import pg from 'pg';
import { pickFixtures, SEARCH_TERMS, SEED_PASSWORD } from './index.mjs';

const BASE = process.env.BASE ?? 'http://127.0.0.1:3990';
const DATABASE_URL = process.env.DATABASE_URL;
const SAMPLED_USERS = Number(process.env.SAMPLED_USERS ?? 20);
if (!DATABASE_URL) throw new Error('Set DATABASE_URL to the seeded database the server uses');
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE)) throw new Error('BASE must be loopback');

const WEEK_SECONDS = 7 * 86_400;
const failures = [];
let requests = 0;

async function call(method, path, { token, body, expect = [200] } = {}) {
  requests += 1;
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  const ok = expect.includes(response.status);
  if (!ok) failures.push(`${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${response.status} ${method} ${path}`);
  return { status: response.status, body: json };
}

async function logIn(username) {
  const { body } = await call('POST', '/login', { body: { username, password: SEED_PASSWORD } });
  return body?.access_token;
}

/** Users spread over the id range, verified and live, some of them in many relations. */
async function sampleUsers(count) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `(select u.id, u.username from users u
         where u.is_email_verified and u.deleted_at is null
           and u.id in (select (1 + floor(random() * (select max(id) from users)))::int from generate_series(1, $1 * 4))
         limit $1)
       union
       (select u.id, u.username from users u
          join (select mentor_id as id, count(*) from mentorship_relations group by 1 order by 2 desc limit 3) busy
            using (id)
         where u.is_email_verified and u.deleted_at is null)`,
      [count],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const fixtures = await pickFixtures(DATABASE_URL, { readers: 3, requesters: 2, mentors: 4 });
console.log(
  `fixtures: ${fixtures.readers.length} readers, ${fixtures.requesters.length} requesters, ${fixtures.mentors.length} mentors`,
);

for (const reader of fixtures.readers) {
  const token = await logIn(reader.username);
  const relation = `/mentorship_relation/${reader.relationId}`;
  await call('GET', '/user', { token });
  await call('GET', '/home', { token });
  await call('GET', '/dashboard', { token });
  await call('GET', '/mentorship_relations', { token });
  await call('GET', '/mentorship_relations/current', { token });
  await call('GET', '/mentorship_relations/pending', { token });
  await call('GET', '/mentorship_relations/past', { token });
  for (const term of SEARCH_TERMS.slice(0, 3)) {
    await call('GET', `/users?search=${term}&page=1&per_page=10`, { token });
  }
  await call('GET', '/users/verified?page=2', { token });
  const tasks = await call('GET', `${relation}/tasks`, { token });
  if (!Array.isArray(tasks.body) || tasks.body.length < 5) failures.push(`${relation}/tasks: fewer than 5 tasks`);
  const comments = await call('GET', `${relation}/task/${reader.taskNumber}/comments`, { token });
  if (!Array.isArray(comments.body) || comments.body.length < 1) {
    failures.push(`${relation}/task/${reader.taskNumber}/comments: no comment`);
  }
  await call('POST', `${relation}/task`, {
    token,
    body: { description: 'Check the seed with the app' },
    expect: [201],
  });
  const after = await call('GET', `${relation}/tasks`, { token });
  const newest = Math.max(...(after.body ?? []).map((task) => task.id));
  await call('PUT', `${relation}/task/${newest}/complete`, { token });
  await call('POST', `${relation}/task/${newest}/comment`, { token, body: { comment: 'Done.' }, expect: [201] });
}

for (const [index, requester] of fixtures.requesters.entries()) {
  const token = await logIn(requester.username);
  const mentor = fixtures.mentors[index];
  await call('GET', `/users/${mentor.userId}`, { token });
  await call('POST', '/mentorship_relation/send_request', {
    token,
    body: {
      mentor_id: mentor.userId,
      mentee_id: requester.userId,
      end_date: Math.floor(Date.now() / 1000) + 8 * WEEK_SECONDS,
      notes: 'Checking the seed',
    },
    expect: [201],
  });
  await call('GET', '/mentorship_relations/pending', { token });
}

// User 1 registered first, so the app made it an admin.
const adminClient = new pg.Client({ connectionString: DATABASE_URL });
await adminClient.connect();
const { rows: admins } = await adminClient.query(`select username from users where id = 1 and is_admin`);
await adminClient.end();
if (admins.length) {
  const token = await logIn(admins[0].username);
  await call('GET', '/admins', { token });
  await call('GET', '/admin/audit_log', { token });
  await call('GET', '/admin/audit_log?action=mentorship.relation_accepted&page=2', { token });
  await call('GET', '/admin/audit_log?actor_id=2', { token });
} else failures.push('user 1 is not an admin');

for (const user of await sampleUsers(SAMPLED_USERS)) {
  const token = await logIn(user.username);
  await call('GET', '/home', { token });
  await call('GET', '/dashboard', { token });
  const relations = await call('GET', '/mentorship_relations', { token });
  for (const relation of (relations.body ?? []).slice(0, 2)) {
    await call('GET', `/mentorship_relation/${relation.id}/tasks`, { token });
  }
}

console.log(`${requests} requests, ${failures.length} failed`);
for (const failure of failures) console.log(`  ${failure}`);
process.exitCode = failures.length ? 1 : 0;
