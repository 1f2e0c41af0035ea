/**
 * One autocannon run, driven from Node. Each connection gets its own request sequence from
 * `requestsFor(slot, connections)` (autocannon's setupClient), so a scenario can give every
 * connection its own users, relations or requester→mentor pairs.
 *
 * An iteration is one pass over a connection's sequence (one request for most scenarios, the
 * create+complete pair for task-write). It counts when every request of the pass answered 2xx;
 * its latency runs from sending the first request to the last response (measured here with
 * performance.now(), finer than autocannon's whole-millisecond histogram).
 */
import autocannon from 'autocannon';

const PLACEHOLDER = [{ method: 'GET', path: '/' }];

const is2xx = (status) => status >= 200 && status < 300;

/** Wraps one connection's sequence so its passes are timed. */
function timedSequence(requests, iterationLatencies) {
  let startedAt = 0;
  let allOk = true;
  return requests.map((request, index) => ({
    ...request,
    setupRequest(req, context) {
      const built = request.setupRequest ? request.setupRequest(req, context) : req;
      if (built && index === 0) {
        startedAt = performance.now();
        allOk = true;
      }
      return built;
    },
    onResponse(status, body, context, headers) {
      if (!is2xx(status)) allOk = false;
      if (request.onResponse) request.onResponse(status, body, context, headers);
      if (index === requests.length - 1 && allOk) iterationLatencies.push(performance.now() - startedAt);
    },
  }));
}

/**
 * → { seconds, iterations, iterationsPerSecond, p50, p99, responses, non2xx, socketErrors, timeouts,
 *     errors, statusCodes }
 * `amount` (total requests) replaces `duration` when given. Latencies in ms, of complete passes.
 */
export async function runLoad({ url, connections, duration, amount, timeoutSeconds = 10, requestsFor }) {
  let nextSlot = 0;
  const iterationLatencies = [];
  const options = {
    url,
    connections,
    pipelining: 1,
    timeout: timeoutSeconds,
    requests: PLACEHOLDER,
    setupClient(client) {
      client.setRequests(timedSequence(requestsFor(nextSlot++, connections), iterationLatencies));
    },
  };
  if (amount) options.amount = amount;
  else options.duration = duration;
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, outcome) => (error ? reject(error) : resolve(outcome)));
    instance.on('error', reject);
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  );
  iterationLatencies.sort((a, b) => a - b);
  return {
    seconds: result.duration,
    iterations: iterationLatencies.length,
    iterationsPerSecond: iterationLatencies.length / result.duration,
    p50: quantileOfSorted(iterationLatencies, 0.5),
    p99: quantileOfSorted(iterationLatencies, 0.99),
    responses: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    non2xx: result.non2xx,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    errors: result.non2xx + result.errors,
    statusCodes,
  };
}

/** Nearest-rank quantile of an ascending list, or null when empty. */
export function quantileOfSorted(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function quantile(values, q) {
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}
