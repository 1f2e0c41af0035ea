/**
 * A first look at the floor against the app: read scenarios of the bench contract, each for a few
 * seconds at 64 connections with autocannon, on a bench/seed database both servers share. Each
 * connection is one seeded reader (its own token, relation and task). Not the benchmark's table
 * (that is bench/run.mjs): a quick side-by-side.
 *
 *   APP_URL=http://127.0.0.1:3993 FLOOR_URL=http://127.0.0.1:3994 \
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_10k \
 *   SCENARIOS=home,search SECONDS=5 CONNECTIONS=64 node_modules/.bin/node bench/floor/measure.mjs
 *
 * Bounded: SECONDS per scenario and server, to the two loopback URLs only.
 */
import autocannon from 'autocannon';
import { pickFixtures, SEARCH_TERMS, SEED_PASSWORD } from '../seed/index.mjs';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:3993';
const FLOOR_URL = process.env.FLOOR_URL ?? 'http://127.0.0.1:3994';
const DATABASE_URL = process.env.DATABASE_URL;
const SECONDS = Number(process.env.SECONDS ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;
if (!DATABASE_URL) throw new Error('Set DATABASE_URL to the seeded database both servers use');
for (const url of [APP_URL, FLOOR_URL]) if (!LOOPBACK.test(url)) throw new Error(`${url} is not a loopback URL`);

/**
 * Each scenario's request for one reader: a path (GET), or [method, path, body]. The n-th request of
 * a connection varies the search letters.
 */
const SCENARIOS = {
  search: (_reader, n) => `/users?search=${SEARCH_TERMS[n % SEARCH_TERMS.length]}&page=1&per_page=10`,
  'verified-page2': () => '/users/verified?page=2',
  home: () => '/home',
  dashboard: () => '/dashboard',
  relations: () => '/mentorship_relations',
  tasks: (reader) => `/mentorship_relation/${reader.relationId}/tasks`,
  comments: (reader) => `/mentorship_relation/${reader.relationId}/task/${reader.taskNumber}/comments`,
  login: (reader) => ['POST', '/login', { username: reader.username, password: SEED_PASSWORD }],
};
const chosen = (process.env.SCENARIOS ?? 'search,home,dashboard,tasks').split(',');
for (const name of chosen) if (!SCENARIOS[name]) throw new Error(`Unknown scenario ${name}`);

const { readers } = await pickFixtures(DATABASE_URL, { readers: CONNECTIONS, requesters: 1, mentors: 1 });
for (const reader of readers) {
  const response = await fetch(new URL('/login', APP_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: reader.username, password: SEED_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${reader.username}: ${response.status}`);
  reader.token = (await response.json()).access_token;
}

function run(url, scenario) {
  let connection = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        // One reader per connection: its token on every request, its own paths.
        setupClient(client) {
          const reader = readers[connection++ % readers.length];
          let n = 0;
          client.setRequests([
            {
              method: 'GET',
              headers: { authorization: `Bearer ${reader.token}`, 'content-type': 'application/json' },
              setupRequest(request) {
                const chosen = scenario(reader, n++);
                if (typeof chosen === 'string') return { ...request, path: chosen };
                const [method, path, body] = chosen;
                return { ...request, method, path, body: JSON.stringify(body) };
              },
            },
          ]);
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const rows = [];
for (const name of chosen) {
  for (const [server, url] of [
    ['app', APP_URL],
    ['floor', FLOOR_URL],
  ]) {
    const result = await run(url, SCENARIOS[name]);
    const non2xx = result.non2xx + result.errors + result.timeouts;
    rows.push({ name, server, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx });
  }
}
console.log(`${CONNECTIONS} connections, ${SECONDS} s per scenario and server`);
console.log('scenario         server   req/s    p50 ms   p99 ms   non-2xx');
for (const row of rows) {
  console.log(
    `${row.name.padEnd(16)} ${row.server.padEnd(6)} ${row.rps.toFixed(0).padStart(7)} ${String(row.p50).padStart(8)} ${String(
      row.p99,
    ).padStart(8)} ${String(row.non2xx).padStart(9)}`,
  );
}
