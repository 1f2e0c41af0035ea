/**
 * The benchmark's scenarios (names as in the bench contract), each as per-connection autocannon
 * request sequences built from a shared workload: the fixture users with their access tokens,
 * the next task number of every reader's relation, and a requester→mentor pair allocator that
 * never hands out the same pair twice in a run.
 */

export const SCENARIO_NAMES = [
  'search',
  'directory-filtered',
  'recommended',
  'verified-page2',
  'home',
  'dashboard',
  'relations',
  'tasks',
  'comments',
  'task-write',
  'send-request',
  'login',
];

export const SCENARIO_KINDS = {
  search: 'read',
  'directory-filtered': 'read',
  recommended: 'read',
  'verified-page2': 'read',
  home: 'read',
  dashboard: 'read',
  relations: 'read',
  tasks: 'read',
  comments: 'read',
  'task-write': 'write',
  'send-request': 'write',
  login: 'login',
};

const WEEK_SECONDS = 7 * 86_400;
const JSON_HEADERS = { 'content-type': 'application/json' };

const bearer = (user) => ({ authorization: `Bearer ${user.token}` });

/**
 * 2–3 letter search terms: letter runs taken from the seeded usernames (so every term matches
 * somebody), most frequent first, or `words` when the seed exports its word lists.
 */
export function searchTermsFrom(names, { words = [], limit = 64 } = {}) {
  const counts = new Map();
  const add = (term) => counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const text of [...words, ...names]) {
    for (const run of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      for (let i = 0; i + 2 <= run.length; i += 2) {
        add(run.slice(i, i + 2));
        if (i + 3 <= run.length) add(run.slice(i, i + 3));
      }
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term]) => term);
}

/**
 * The mutable state the scenarios share:
 *   readers, requesters (with .token), mentors, loginUsers ({username}), searchTerms, password,
 *   filterTags (tag labels, most held first) and locations (the seed's cities), for directory-filtered,
 *   taskCounters: Map relationId → next task number (the app's task_counters; refreshed before runs),
 *   takenPairs: Set "mentorId:menteeId" of pairs already pending (from earlier runs on a reused seed).
 */
export function createWorkload({
  readers,
  requesters,
  mentors,
  loginUsers,
  searchTerms,
  password,
  takenPairs,
  filterTags = [],
  locations = [],
}) {
  let pairCursor = 0;
  let pairsWrapped = false;
  const workload = {
    readers,
    requesters,
    mentors,
    loginUsers,
    searchTerms,
    password,
    filterTags,
    locations,
    taskCounters: new Map(),
    takenPairs: takenPairs ?? new Set(),
    pairsHandedOut: 0,
    get pairsWrapped() {
      return pairsWrapped;
    },
    /** The number the app will give the next task of `relationId` (per-relation, from 1, never reused). */
    takeTaskNumber(relationId) {
      const number = workload.taskCounters.get(relationId) ?? 1;
      workload.taskCounters.set(relationId, number + 1);
      return number;
    },
    /** A requester→mentor pair not used before in this run (nor pending from an earlier one). */
    nextPair() {
      const capacity = requesters.length * mentors.length;
      for (let attempts = 0; attempts < capacity; attempts++) {
        const k = pairCursor++;
        if (k >= capacity) pairsWrapped = true;
        const requester = requesters[k % requesters.length];
        const mentor = mentors[Math.floor(k / requesters.length) % mentors.length];
        const key = `${mentor.userId}:${requester.userId}`;
        if (workload.takenPairs.has(key)) continue;
        workload.takenPairs.add(key);
        workload.pairsHandedOut += 1;
        return { requester, mentor };
      }
      throw new Error('every requester→mentor pair is taken');
    },
  };
  return workload;
}

/** A GET scenario: every request the next reader (round robin over all of them). */
function readScenario(workload, pathFor) {
  let counter = 0;
  return () => [
    {
      method: 'GET',
      setupRequest(req) {
        const i = counter++;
        const reader = workload.readers[i % workload.readers.length];
        req.path = pathFor(reader, i);
        req.headers = { ...req.headers, ...bearer(reader) };
        return req;
      },
    },
  ];
}

/**
 * task-write: each connection owns its own relations (slot mod connections), so it knows the number
 * the app gives its new task (the relation's counter, which only this connection advances), and
 * completes exactly that task. A failed create skips the complete.
 */
function taskWriteScenario(workload) {
  let created = 0;
  return (slot, connections) => {
    const owned = workload.readers.filter((_, index) => index % connections === slot);
    if (owned.length === 0) throw new Error(`task-write: no relation for connection ${slot}`);
    let turn = 0;
    let reader;
    let number = null;
    return [
      {
        method: 'POST',
        setupRequest(req) {
          reader = owned[turn++ % owned.length];
          number = null;
          req.path = `/mentorship_relation/${reader.relationId}/task`;
          req.headers = { ...req.headers, ...JSON_HEADERS, ...bearer(reader) };
          req.body = JSON.stringify({ description: `Bench task ${++created}` });
          return req;
        },
        onResponse(status) {
          number = status === 201 ? workload.takeTaskNumber(reader.relationId) : null;
        },
      },
      {
        method: 'PUT',
        setupRequest(req) {
          if (number === null) return null;
          req.path = `/mentorship_relation/${reader.relationId}/task/${number}/complete`;
          req.headers = { ...req.headers, ...bearer(reader) };
          return req;
        },
      },
    ];
  };
}

/** send-request: every request a new requester→mentor pair, sent by the requester (the mentee). */
function sendRequestScenario(workload) {
  return () => [
    {
      method: 'POST',
      path: '/mentorship_relation/send_request',
      setupRequest(req) {
        const { requester, mentor } = workload.nextPair();
        req.headers = { ...req.headers, ...JSON_HEADERS, ...bearer(requester) };
        req.body = JSON.stringify({
          mentor_id: mentor.userId,
          mentee_id: requester.userId,
          end_date: Math.floor(Date.now() / 1000) + 8 * WEEK_SECONDS,
          notes: 'Bench request',
        });
        return req;
      },
    },
  ];
}

function loginScenario(workload) {
  let counter = 0;
  return () => [
    {
      method: 'POST',
      path: '/login',
      setupRequest(req) {
        const user = workload.loginUsers[counter++ % workload.loginUsers.length];
        req.headers = { ...req.headers, ...JSON_HEADERS };
        req.body = JSON.stringify({ username: user.username, password: workload.password });
        return req;
      },
    },
  ];
}

/**
 * directory-filtered: the new filters in turn, each with paging — a skill with available_to_mentor,
 * an interest with need_mentoring, a skill with min_rating=4, a location with available_to_mentor —
 * over the most held tags and the seed's cities.
 */
function filteredDirectoryPath(workload, i) {
  const { filterTags: tags, locations } = workload;
  if (tags.length === 0 || locations.length === 0) throw new Error('directory-filtered needs tags and locations');
  const tag = encodeURIComponent(tags[Math.floor(i / 4) % tags.length]);
  const paging = 'page=1&per_page=10';
  switch (i % 4) {
    case 0:
      return `/users/verified?skill=${tag}&available_to_mentor=true&${paging}`;
    case 1:
      return `/users/verified?interest=${tag}&need_mentoring=true&${paging}`;
    case 2:
      return `/users/verified?skill=${tag}&min_rating=4&${paging}`;
    default:
      return `/users?location=${encodeURIComponent(locations[Math.floor(i / 4) % locations.length])}&available_to_mentor=true&${paging}`;
  }
}

/** name → requestsFor(slot, connections): the request sequence of one autocannon connection. */
export function buildScenarios(workload) {
  return {
    search: readScenario(
      workload,
      (_, i) =>
        `/users?search=${encodeURIComponent(workload.searchTerms[i % workload.searchTerms.length])}&page=1&per_page=10`,
    ),
    'directory-filtered': readScenario(workload, (_, i) => filteredDirectoryPath(workload, i)),
    recommended: readScenario(workload, () => '/users/recommended'),
    'verified-page2': readScenario(workload, () => '/users/verified?page=2'),
    home: readScenario(workload, () => '/home'),
    dashboard: readScenario(workload, () => '/dashboard'),
    relations: readScenario(workload, () => '/mentorship_relations'),
    tasks: readScenario(workload, (reader) => `/mentorship_relation/${reader.relationId}/tasks`),
    comments: readScenario(
      workload,
      (reader) => `/mentorship_relation/${reader.relationId}/task/${reader.taskNumber}/comments`,
    ),
    'task-write': taskWriteScenario(workload),
    'send-request': sendRequestScenario(workload),
    login: loginScenario(workload),
  };
}

/** The first request of a scenario's sequence as a plain request (for compareWithApp and fetch). */
/** The next `count` requests of a read scenario (each reader, term or filter in turn), for compareWithApp. */
export function sampleReads(name, requestsFor, count) {
  return Array.from({ length: count }, (_, index) => ({
    ...sampleRequest(name, requestsFor),
    name: `${name} #${index + 1}`,
  }));
}

export function sampleRequest(name, requestsFor) {
  const [first] = requestsFor(0, 1);
  const built = first.setupRequest({ method: first.method, path: first.path, headers: {} });
  return { name, method: built.method, path: built.path, headers: built.headers, body: built.body };
}
