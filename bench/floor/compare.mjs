/**
 * The sanity gate before measuring: the same requests to the app and to the floor, one after the
 * other (app first), compared. Reads (GET, HEAD) must answer the same status, the same JSON (key
 * order aside) and the same paging headers (X-Total-Count, and Link with each server's own origin
 * taken out). Writes must answer the same status and a body of the same shape (same keys, same
 * value types), since ids and numbers differ between two writes.
 *
 *   const results = await compareWithApp({ appUrl, floorUrl, requests: [{ name, method, path, headers, body }] });
 *
 * A write that cannot be repeated as is (completing a task, a new request between a pair) can give
 * `path`, `headers` or `body` as a function of the server, 'app' or 'floor', to aim each at its own.
 */

const READ_METHODS = new Set(['GET', 'HEAD']);
const COMPARED_HEADERS = ['x-total-count', 'link'];
const SHOWN_LENGTH = 160;

const show = (value) => {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
};

const kindOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The first difference between two JSON values (a path and both values), or undefined. */
function firstDifference(app, floor, path, shapeOnly) {
  const appKind = kindOf(app);
  const floorKind = kindOf(floor);
  if (appKind !== floorKind) return `${path}: app ${show(app)}, floor ${show(floor)}`;
  if (appKind === 'array') {
    if (!shapeOnly && app.length !== floor.length) {
      return `${path}: app has ${app.length} items, floor ${floor.length}`;
    }
    const count = shapeOnly ? Math.min(app.length, floor.length) : app.length;
    for (let index = 0; index < count; index += 1) {
      const difference = firstDifference(app[index], floor[index], `${path}[${index}]`, shapeOnly);
      if (difference) return difference;
    }
    return undefined;
  }
  if (appKind === 'object') {
    const appKeys = Object.keys(app).sort();
    const floorKeys = Object.keys(floor).sort();
    const missing = appKeys.filter((key) => !Object.hasOwn(floor, key));
    const extra = floorKeys.filter((key) => !Object.hasOwn(app, key));
    if (missing.length) return `${path}: floor lacks ${missing.join(', ')}`;
    if (extra.length) return `${path}: floor has extra ${extra.join(', ')}`;
    for (const key of appKeys) {
      const difference = firstDifference(app[key], floor[key], `${path}.${key}`, shapeOnly);
      if (difference) return difference;
    }
    return undefined;
  }
  if (shapeOnly || Object.is(app, floor)) return undefined;
  return `${path}: app ${show(app)}, floor ${show(floor)}`;
}

/** A Link header with the server's own origin replaced, so both servers' links compare. */
const withoutOrigin = (value, origin) => (value === null ? null : value.replaceAll(`<${origin}`, '<ORIGIN'));

/** A request field, or its value for one server when given as a function of 'app' or 'floor'. */
const forServer = (value, server) => (typeof value === 'function' ? value(server) : value);

async function send(baseUrl, server, request) {
  const { method } = request;
  const path = forServer(request.path, server);
  const body = forServer(request.body, server);
  const init = { method, headers: { ...(forServer(request.headers, server) ?? {}) } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const hasType = Object.keys(init.headers).some((name) => name.toLowerCase() === 'content-type');
    if (!hasType) init.headers['content-type'] = 'application/json';
  }
  const response = await fetch(new URL(path, baseUrl), init);
  const text = await response.text();
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = { unparsable: text };
  }
  const origin = new URL(baseUrl).origin;
  const compared = Object.fromEntries(
    COMPARED_HEADERS.map((name) => [name, withoutOrigin(response.headers.get(name), origin)]),
  );
  return { status: response.status, json, headers: compared };
}

/**
 * Sends each request to the app, then to the floor, and compares the answers.
 * @param {{ appUrl: string, floorUrl: string,
 *           requests: Array<{ name: string, method?: string, path: string | Function, headers?: object | Function,
 *                             body?: unknown }> }} options
 * @returns {Promise<Array<{ name: string, equal: boolean, appStatus: number, floorStatus: number, difference?: string }>>}
 */
export async function compareWithApp({ appUrl, floorUrl, requests }) {
  const results = [];
  for (const request of requests) {
    const method = (request.method ?? 'GET').toUpperCase();
    const isRead = READ_METHODS.has(method);
    const app = await send(appUrl, 'app', { ...request, method });
    const floor = await send(floorUrl, 'floor', { ...request, method });
    let difference;
    if (app.status !== floor.status) {
      difference = `status: app ${app.status}, floor ${floor.status} (app body ${show(app.json)}, floor body ${show(floor.json)})`;
    } else {
      difference = firstDifference(app.json, floor.json, 'body', !isRead);
      if (!difference && isRead) {
        for (const name of COMPARED_HEADERS) {
          if (app.headers[name] !== floor.headers[name]) {
            difference = `header ${name}: app ${show(app.headers[name])}, floor ${show(floor.headers[name])}`;
            break;
          }
        }
      }
    }
    results.push({
      name: request.name,
      equal: difference === undefined,
      appStatus: app.status,
      floorStatus: floor.status,
      ...(difference === undefined ? {} : { difference }),
    });
  }
  return results;
}
