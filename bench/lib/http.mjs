/** Single HTTP requests of the runner (not the load): bounded by a time-out, loopback only. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a URL's host is this machine's loopback interface. */
export function isLoopbackUrl(text) {
  try {
    const { hostname } = new URL(text);
    return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  } catch {
    return false;
  }
}

/** → { status, body (parsed JSON, or the text), headers } */
export async function send(baseUrl, { method = 'GET', path, headers = {}, body }, timeoutMs = 15_000) {
  if (!isLoopbackUrl(baseUrl)) throw new Error(`refusing a non-loopback target: ${baseUrl}`);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Runs `work(item)` over `items`, at most `concurrency` at a time; results in item order. */
export async function mapWithConcurrency(items, concurrency, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

/** Logs every user in on the app and sets `user.token` (their access token). */
export async function logInAll(appUrl, users, password, { concurrency = 8 } = {}) {
  await mapWithConcurrency(users, concurrency, async (user) => {
    const { status, body } = await send(appUrl, {
      method: 'POST',
      path: '/login',
      body: { username: user.username, password },
    });
    if (status !== 200 || !body?.access_token) {
      throw new Error(`login of ${user.username} answered ${status}: ${JSON.stringify(body)}`);
    }
    user.token = body.access_token;
  });
}
