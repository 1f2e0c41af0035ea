/**
 * What the per-request session check costs: GET /user with a login token (whose session is looked
 * up) against the same request with a token that names no session (signed here with JWT_SECRET).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench JWT_SECRET=bench-secret-0123456789abcdef0123 \
 *     PORT=3997 LOG_LEVEL=warn npm run start:prod &
 *   DATABASE_URL=… BASE=http://127.0.0.1:3997 JWT_SECRET=bench-secret-0123456789abcdef0123 \
 *     node_modules/.bin/node bench/session-check.mjs
 *
 * Bounded: REQUESTS requests per variant (default 4000), CONCURRENCY at a time (default 8), to BASE only.
 */
import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';

const BASE = process.env.BASE ?? 'http://127.0.0.1:3997';
const DATABASE_URL = process.env.DATABASE_URL;
const SECRET = process.env.JWT_SECRET;
const REQUESTS = Number(process.env.REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
if (!SECRET || !DATABASE_URL) throw new Error('Set JWT_SECRET and DATABASE_URL to the server’s');
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE))
  throw new Error('BASE must be a loopback URL');

const post = (path, body, headers = {}) =>
  fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));

function sign(claims) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

async function measure(label, token) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t0 = performance.now();
        const response = await fetch(`${BASE}/user`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${label}: status ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  console.log(
    `${label.padEnd(28)} ${(REQUESTS / seconds).toFixed(0).padStart(6)} req/s   p50 ${at(0.5)} ms   p99 ${at(0.99)} ms`,
  );
}

const username = `bench_${randomUUID().slice(0, 8)}`;
await post('/register', {
  name: 'Bench User',
  username,
  password: 'password123',
  email: `${username}@example.org`,
  terms_and_conditions_checked: true,
});
// The verification email is not read here: the user is verified in the server's database.
const database = new pg.Client({ connectionString: DATABASE_URL });
await database.connect();
const { rows } = await database.query('update users set is_email_verified = true where username = $1 returning id', [
  username,
]);
await database.end();
const login = await post('/login', { username, password: 'password123' });
if (login.status !== 200) throw new Error(`login answered ${login.status}`);
const now = Math.floor(Date.now() / 1000);
const sessionless = sign({
  iat: now,
  nbf: now,
  jti: randomUUID(),
  exp: now + 3600,
  identity: rows[0].id,
  fresh: false,
  type: 'access',
});

for (let round = 1; round <= 2; round += 1) {
  await measure(`round ${round}: no session check`, sessionless);
  await measure(`round ${round}: session check`, login.body.access_token);
}
