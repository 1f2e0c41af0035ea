/**
 * Checks the floor against the app on one database: builds a small world through the app's own API
 * (or, with --seeded, takes fixtures from a bench/seed database), then runs compareWithApp over
 * every scenario of the bench contract and over the error paths around them, and checks the outbox
 * rows the floor wrote. Exits 1 when anything differs.
 *
 *   APP_URL=http://127.0.0.1:3991 FLOOR_URL=http://127.0.0.1:3992 \
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/floorwork_a node_modules/.bin/node bench/floor/check.mjs [--seeded]
 *
 * Both servers must share DATABASE_URL and JWT_SECRET. Only loopback URLs are accepted.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { compareWithApp } from './compare.mjs';

const APP_URL = process.env.APP_URL ?? 'http://127.0.0.1:3991';
const FLOOR_URL = process.env.FLOOR_URL ?? 'http://127.0.0.1:3992';
const DATABASE_URL = process.env.DATABASE_URL;
const SEEDED = process.argv.includes('--seeded');
/** The password of the users made here, or of every seeded user. */
const PASSWORD = SEEDED ? (await import('../seed/index.mjs')).SEED_PASSWORD : 'password123';
const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;
if (!DATABASE_URL) throw new Error('Set DATABASE_URL to the database both servers use');
for (const url of [APP_URL, FLOOR_URL]) if (!LOOPBACK.test(url)) throw new Error(`${url} is not a loopback URL`);

const database = new pg.Client({ connectionString: DATABASE_URL });
await database.connect();

async function call(baseUrl, method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectStatus(promise, status, what) {
  const response = await promise;
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

const app = (method, path, options) => call(APP_URL, method, path, options);
const login = async (username) =>
  (await expectStatus(app('POST', '/login', { body: { username, password: PASSWORD } }), 200, `login ${username}`))
    .access_token;
const inFourWeeks = () => Date.now() / 1000 + 5 * 7 * 86_400;

/** A small world made through the app: one ACCEPTED relation with tasks and comments, and more. */
async function buildWorld() {
  const tag = randomUUID().slice(0, 6);
  const names = {
    mentor: 'Alice Mentor',
    mentee: 'Bob Mentee',
    loner: 'Carol Loner',
    other: 'Dave Other',
    asker: 'Erin Asker',
    spare: 'Frank Spare',
    spare2: 'Gina Spare',
  };
  const extraNames = ['Ann Lee', 'Anna Smith', 'Hannah Brown', 'Dan Bell', 'Joanna Stone', 'Ian Moss', 'Sean Ward'];
  for (let index = 0; index < 18; index += 1) names[`extra${index}`] = extraNames[index % extraNames.length];
  const users = {};
  for (const [role, name] of Object.entries(names)) {
    const username = `${role}_${tag}`;
    await expectStatus(
      app('POST', '/register', {
        body: {
          name,
          username,
          password: PASSWORD,
          email: `${username}@example.org`,
          terms_and_conditions_checked: true,
        },
      }),
      201,
      `register ${username}`,
    );
    users[role] = { username };
  }
  // Every user verified but one extra (so /users and /users/verified differ).
  await database.query(
    `update users set is_email_verified = true, email_verification_date = now()
      where username like $1 and username <> $2`,
    [`%\\_${tag}`, `extra17_${tag}`],
  );
  const rows = (await database.query(`select id, username from users where username like $1`, [`%\\_${tag}`])).rows;
  for (const row of rows) users[row.username.split('_')[0]].id = row.id;
  for (const role of Object.keys(users)) if (role !== 'extra17') users[role].token = await login(users[role].username);
  const profile = async (role, body) =>
    expectStatus(app('PUT', '/user', { token: users[role].token, body }), 200, `profile ${role}`);
  await profile('mentor', { available_to_mentor: true, bio: 'Mentors', skills: 'Python' });
  await profile('mentee', { need_mentoring: true, location: 'Lisbon' });
  await profile('loner', { need_mentoring: true });
  await profile('other', { available_to_mentor: true, need_mentoring: true });
  await profile('asker', { need_mentoring: true });
  await profile('spare', { need_mentoring: true });
  await profile('spare2', { need_mentoring: true });
  await profile('extra0', { available_to_mentor: true });

  const send = (role, mentor, mentee) =>
    expectStatus(
      app('POST', '/mentorship_relation/send_request', {
        token: users[role].token,
        body: { mentor_id: users[mentor].id, mentee_id: users[mentee].id, end_date: inFourWeeks(), notes: `${role}` },
      }),
      201,
      `send ${mentor}/${mentee}`,
    );
  const relationOf = async (mentor, mentee) =>
    (
      await database.query(
        `select id from mentorship_relations where mentor_id = $1 and mentee_id = $2 order by id desc limit 1`,
        [users[mentor].id, users[mentee].id],
      )
    ).rows[0].id;
  // The accepted relation, requested by the mentee.
  await send('mentee', 'mentor', 'mentee');
  const relationId = await relationOf('mentor', 'mentee');
  await expectStatus(
    app('PUT', `/mentorship_relation/${relationId}/accept`, { token: users.mentor.token }),
    200,
    'accept',
  );
  // A pending one (other as mentor, asker as mentee), and a rejected one.
  await send('asker', 'other', 'asker');
  await send('other', 'other', 'spare');
  const rejected = await relationOf('other', 'spare');
  await expectStatus(
    app('PUT', `/mentorship_relation/${rejected}/reject`, { token: users.spare.token }),
    200,
    'reject',
  );
  // Tasks, some done, comments on the first.
  for (let index = 1; index <= 7; index += 1) {
    const author = index % 2 ? 'mentor' : 'mentee';
    await expectStatus(
      app('POST', `/mentorship_relation/${relationId}/task`, {
        token: users[author].token,
        body: { description: `Task ${index} of ${tag}` },
      }),
      201,
      'create task',
    );
  }
  for (const number of [2, 3, 5, 6]) {
    await expectStatus(
      app('PUT', `/mentorship_relation/${relationId}/task/${number}/complete`, { token: users.mentee.token }),
      200,
      'complete task',
    );
  }
  for (const [role, text] of [
    ['mentor', 'First comment'],
    ['mentee', 'A reply'],
    ['mentor', 'Third'],
  ]) {
    await expectStatus(
      app('POST', `/mentorship_relation/${relationId}/task/1/comment`, {
        token: users[role].token,
        body: { comment: text },
      }),
      201,
      'comment',
    );
  }
  return {
    readers: [
      { ...users.mentor, relationId, taskNumber: 1 },
      { ...users.mentee, relationId, taskNumber: 1 },
    ],
    outsiders: [users.loner, users.other, users.asker],
    requesters: [users.loner, users.spare2],
    mentors: [users.extra0, users.mentor],
    searches: ['an', 'ann', 'Lee', 'zq', '_', 'ALI'],
    unverified: users.extra17,
  };
}

/** Fixtures from a bench/seed database (tokens through the app's login). */
async function seededWorld() {
  const { pickFixtures, SEARCH_TERMS } = await import('../seed/index.mjs');
  const fixtures = await pickFixtures(DATABASE_URL, { readers: 4, requesters: 4, mentors: 4 });
  const withToken = async (user) => ({ ...user, id: user.userId, token: await login(user.username) });
  const readers = [];
  for (const reader of fixtures.readers) readers.push(await withToken(reader));
  const requesters = [];
  for (const requester of fixtures.requesters) requesters.push(await withToken(requester));
  const mentors = fixtures.mentors.map((mentor) => ({ ...mentor, id: mentor.userId }));
  return {
    readers,
    outsiders: requesters.slice(0, 2),
    requesters,
    mentors,
    searches: [...SEARCH_TERMS.slice(0, 6), 'xqz'],
  };
}

const world = SEEDED ? await seededWorld() : await buildWorld();
const auth = (user) => ({ authorization: `Bearer ${user.token}` });
const requests = [];
const read = (name, user, path) => requests.push({ name, method: 'GET', path, headers: auth(user) });

const [reader, otherReader] = world.readers;
for (const [index, user] of [...world.readers, ...world.outsiders].entries()) {
  const who = `${index < world.readers.length ? 'reader' : 'outsider'}${index}`;
  for (const search of world.searches) {
    read(`search ${who} "${search}"`, user, `/users?search=${encodeURIComponent(search)}&page=1&per_page=10`);
  }
  read(`search page 2 ${who}`, user, `/users?search=${encodeURIComponent(world.searches[0])}&page=2&per_page=10`);
  read(`verified-page2 ${who}`, user, '/users/verified?page=2');
  read(`verified-page1 ${who}`, user, '/users/verified?page=1');
  read(`users ${who}`, user, '/users');
  read(`users filters ${who}`, user, '/users/verified?need_mentoring=true&per_page=5&page=1&skills=py');
  read(`users bad filter ${who}`, user, '/users?available_to_mentor=maybe');
  read(`users per_page 0 ${who}`, user, '/users?per_page=0');
  read(`home ${who}`, user, '/home');
  read(`dashboard ${who}`, user, '/dashboard');
  read(`relations ${who}`, user, '/mentorship_relations');
  read(`relations accepted ${who}`, user, '/mentorship_relations?relation_state=accepted');
  read(`relations unknown state ${who}`, user, '/mentorship_relations?relation_state=bogus');
  read(`relations malformed ${who}`, user, '/mentorship_relations?state=1');
  read(`tasks of reader's relation by ${who}`, user, `/mentorship_relation/${reader.relationId}/tasks`);
  read(
    `comments of reader's task by ${who}`,
    user,
    `/mentorship_relation/${reader.relationId}/task/${reader.taskNumber}/comments`,
  );
}
for (const [index, user] of world.readers.entries()) {
  const base = `/mentorship_relation/${user.relationId}`;
  read(`tasks reader${index}`, user, `${base}/tasks`);
  read(`comments reader${index}`, user, `${base}/task/${user.taskNumber}/comments`);
  read(`comments paged reader${index}`, user, `${base}/task/${user.taskNumber}/comments?page=1&per_page=2`);
  read(`comments missing task reader${index}`, user, `${base}/task/99999/comments`);
  read(`comments task 0 reader${index}`, user, `${base}/task/0/comments`);
  read(`tasks bad id reader${index}`, user, '/mentorship_relation/abc/tasks');
  read(`tasks missing relation reader${index}`, user, '/mentorship_relation/2147483647/tasks');
  read(`tasks huge relation reader${index}`, user, '/mentorship_relation/99999999999/tasks');
}
requests.push({ name: 'home without token', method: 'GET', path: '/home' });
requests.push({ name: 'home bad token', method: 'GET', path: '/home', headers: { authorization: 'Bearer x.y.z' } });
requests.push({ name: 'home not bearer', method: 'GET', path: '/home', headers: { authorization: 'Token abc' } });

// A token whose session was ended (POST /logout on the app): 401 first, whatever else is wrong.
const revoked = { token: await login(reader.username) };
await expectStatus(app('POST', '/logout', { token: revoked.token }), 200, 'logout');
read('revoked home', revoked, '/home');
read('revoked search', revoked, '/users?search=an');
read('revoked tasks', revoked, `/mentorship_relation/${reader.relationId}/tasks`);
read('revoked tasks bad id', revoked, '/mentorship_relation/abc/tasks');
read('revoked relations malformed', revoked, '/mentorship_relations?state=1');
requests.push({
  name: 'revoked task-write create',
  method: 'POST',
  path: `/mentorship_relation/${reader.relationId}/task`,
  headers: auth(revoked),
  body: { description: 'Never' },
});
requests.push({
  name: 'revoked task-write create bad body',
  method: 'POST',
  path: `/mentorship_relation/${reader.relationId}/task`,
  headers: auth(revoked),
  body: { nothing: true },
});
requests.push({
  name: 'revoked send-request',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(revoked),
  body: { mentor_id: reader.id, mentee_id: 1, end_date: inFourWeeks(), notes: '' },
});

// Logins: the floor's hash-only login answers the same status and shape.
requests.push({
  name: 'login',
  method: 'POST',
  path: '/login',
  body: { username: reader.username, password: PASSWORD },
});
requests.push({
  name: 'login wrong password',
  method: 'POST',
  path: '/login',
  body: { username: reader.username, password: 'wrong-password' },
});
requests.push({
  name: 'login unknown user',
  method: 'POST',
  path: '/login',
  body: { username: `nobody_${randomUUID().slice(0, 8)}`, password: PASSWORD },
});
requests.push({ name: 'login missing password', method: 'POST', path: '/login', body: { username: reader.username } });
requests.push({
  name: 'login by email',
  method: 'POST',
  path: '/login',
  body: {
    username: (await database.query('select email from users where id = $1', [reader.id])).rows[0].email,
    password: PASSWORD,
  },
});
if (world.unverified) {
  requests.push({
    name: 'login unverified',
    method: 'POST',
    path: '/login',
    body: { username: world.unverified.username, password: PASSWORD },
  });
}

// task-write: each server creates its own task, then completes one of the reader's open tasks.
const base = `/mentorship_relation/${reader.relationId}`;
requests.push({
  name: 'task-write create',
  method: 'POST',
  path: `${base}/task`,
  headers: auth(reader),
  body: { description: 'Floor check task' },
});
requests.push({
  name: 'task-write create empty',
  method: 'POST',
  path: `${base}/task`,
  headers: auth(reader),
  body: { description: '  ' },
});
requests.push({ name: 'task-write create no body', method: 'POST', path: `${base}/task`, headers: auth(reader) });
const openTasks = (
  await database.query(`select number from tasks where relation_id = $1 and not is_done order by number desc limit 2`, [
    reader.relationId,
  ])
).rows.map((row) => row.number);
requests.push({
  name: 'task-write complete',
  method: 'PUT',
  path: (server) => `${base}/task/${server === 'app' ? openTasks[0] : openTasks[1]}/complete`,
  headers: auth(reader),
});
requests.push({
  name: 'task-write complete again',
  method: 'PUT',
  path: `${base}/task/${openTasks[0]}/complete`,
  headers: auth(reader),
});
requests.push({
  name: 'task-write complete missing',
  method: 'PUT',
  path: `${base}/task/99999/complete`,
  headers: auth(reader),
});
requests.push({
  name: 'comment write',
  method: 'POST',
  path: `${base}/task/${reader.taskNumber}/comment`,
  headers: auth(reader),
  body: { comment: 'From the check' },
});
if (world.outsiders[0]) {
  requests.push({
    name: 'task-write create by outsider',
    method: 'POST',
    path: `${base}/task`,
    headers: auth(world.outsiders[0]),
    body: { description: 'Nope' },
  });
  requests.push({
    name: 'task-write complete by outsider',
    method: 'PUT',
    path: `${base}/task/1/complete`,
    headers: auth(world.outsiders[0]),
  });
}

// send-request: each server sends a new requester→mentor pair.
const [requesterA, requesterB] = world.requesters;
const [mentorA, mentorB] = world.mentors;
const sendBody = (requester, mentor) => ({
  mentor_id: mentor.id,
  mentee_id: requester.id,
  end_date: inFourWeeks(),
  notes: 'Floor check',
});
requests.push({
  name: 'send-request',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: (server) => auth(server === 'app' ? requesterA : requesterB),
  body: (server) => (server === 'app' ? sendBody(requesterA, mentorA) : sendBody(requesterB, mentorA)),
});
requests.push({
  name: 'send-request duplicate',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(requesterA),
  body: sendBody(requesterA, mentorA),
});
requests.push({
  name: 'send-request to a busy mentor',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(requesterA),
  body: sendBody(requesterA, { id: reader.id }),
});
requests.push({
  name: 'send-request not a party',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(requesterA),
  body: { mentor_id: mentorB.id, mentee_id: otherReader?.id ?? 1, end_date: inFourWeeks(), notes: '' },
});
requests.push({
  name: 'send-request too short',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(requesterA),
  body: { ...sendBody(requesterA, mentorB), end_date: Date.now() / 1000 + 86_400 },
});
requests.push({
  name: 'send-request unknown mentor',
  method: 'POST',
  path: '/mentorship_relation/send_request',
  headers: auth(requesterA),
  body: { ...sendBody(requesterA, mentorB), mentor_id: 2_000_000_000 },
});
// After the writes, the reads again (the state both servers see has changed).
read('dashboard after writes', reader, '/dashboard');
read('home after writes', reader, '/home');
read('tasks after writes', reader, `${base}/tasks`);
read('relations of requester after writes', requesterA, '/mentorship_relations');
read('relations of floor requester after writes', requesterB, '/mentorship_relations');

// Writes carry a request id naming the server, so the outbox rows of each can be told apart.
const runId = randomUUID().slice(0, 8);
for (const [index, request] of requests.entries()) {
  if (request.method === 'GET') continue;
  const headers = request.headers;
  request.headers = (server) => ({
    ...(typeof headers === 'function' ? headers(server) : (headers ?? {})),
    'x-request-id': `check-${runId}-${server}-${index}`,
  });
}
const results = await compareWithApp({ appUrl: APP_URL, floorUrl: FLOOR_URL, requests });

// A token from the floor's login works on the app, and the reverse.
const floorLogin = await call(FLOOR_URL, 'POST', '/login', { body: { username: reader.username, password: PASSWORD } });
const crossApp = await call(APP_URL, 'GET', '/home', { token: floorLogin.body.access_token });
results.push({
  name: "floor's token on the app",
  equal: crossApp.status === 200,
  appStatus: crossApp.status,
  floorStatus: floorLogin.status,
});

// The floor's outbox rows: processed already, and shaped like the app's rows of the same type.
const shape = (value) =>
  value === null || typeof value !== 'object'
    ? typeof value
    : Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, shape(value[key])]),
      );
const rowsOf = async (server) =>
  (
    await database.query(
      `select event_type, payload, meta, processed_at from outbox where meta->>'requestId' like $1 order by id`,
      [`check-${runId}-${server}-%`],
    )
  ).rows;
const appRows = await rowsOf('app');
const floorRows = await rowsOf('floor');
for (const type of [
  'tasks.task_created',
  'tasks.task_completed',
  'tasks.task_commented',
  'mentorship.relation_requested',
]) {
  const appRow = appRows.find((row) => row.event_type === type);
  const floorRow = floorRows.find((row) => row.event_type === type);
  const same =
    appRow &&
    floorRow &&
    floorRow.processed_at !== null &&
    JSON.stringify(shape({ payload: appRow.payload, meta: appRow.meta })) ===
      JSON.stringify(shape({ payload: floorRow.payload, meta: floorRow.meta }));
  results.push({
    name: `outbox ${type}`,
    equal: Boolean(same),
    appStatus: appRow ? 1 : 0,
    floorStatus: floorRow ? 1 : 0,
    ...(same ? {} : { difference: `app ${JSON.stringify(appRow)}, floor ${JSON.stringify(floorRow)}` }),
  });
}
const unprocessed = floorRows.filter((row) => row.processed_at === null).length;
results.push({
  name: `floor outbox rows already processed (${floorRows.length})`,
  equal: unprocessed === 0 && floorRows.length > 0,
  appStatus: appRows.length,
  floorStatus: floorRows.length,
  ...(unprocessed ? { difference: `${unprocessed} floor rows wait for a relay` } : {}),
});
await database.end();

const failed = results.filter((result) => !result.equal);
for (const result of results) {
  const line = `${result.equal ? 'same' : 'DIFF'}  ${result.name}  (${result.appStatus}/${result.floorStatus})`;
  console.log(result.equal ? line : `${line}\n      ${result.difference}`);
}
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length ? 1 : 0;
