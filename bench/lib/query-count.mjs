/**
 * Queries per request, counted on the wire: a second app and floor, each behind its own
 * pg-counting-proxy, get `perScenario` sequential iterations of every scenario; the idle rate
 * of each server (the app's outbox poll every second, its task-digest poll) is measured first and
 * subtracted. Runs after the load runs, so the proxy never slows a measured run.
 */
import { waitForOutboxDrained } from './database.mjs';
import { runLoad } from './load.mjs';
import { startCountingProxy } from './pg-counting-proxy.mjs';
import { startApp, startFloor } from './servers.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * → { idlePerSecond: { app, floor }, perScenario: { [name]: { app, floor } } } (statements per
 * iteration; null when no iteration succeeded).
 */
export async function countQueries({
  databaseUrl,
  scenarios,
  names,
  kinds,
  prepare = async () => {},
  perScenario = 50,
  idleSeconds = 4,
  settleMs = 300,
  log = console.error,
}) {
  const target = new URL(databaseUrl);
  const proxyOptions = { targetHost: target.hostname, targetPort: Number(target.port || 5432) };
  const proxies = { app: await startCountingProxy(proxyOptions), floor: await startCountingProxy(proxyOptions) };
  const servers = {};
  try {
    // Digests are mailed a delay after the task activity; a long delay keeps mails of tasks written by
    // the load runs out of the counting windows (the relay's own per-write work is still counted).
    [servers.app, servers.floor] = await Promise.all([
      startApp({ name: 'app-count', databaseUrl: proxies.app.url(databaseUrl), extraEnv: { TASK_DIGEST_DELAY: '1h' } }),
      startFloor({ name: 'floor-count', databaseUrl: proxies.floor.url(databaseUrl) }),
    ]);
    await sleep(1500); // start-up work (the relay's first round, pool warm-up) is not idle
    const idleStart = { at: performance.now(), app: proxies.app.statements, floor: proxies.floor.statements };
    await sleep(idleSeconds * 1000);
    const idleSecondsMeasured = (performance.now() - idleStart.at) / 1000;
    const idlePerSecond = {
      app: (proxies.app.statements - idleStart.app) / idleSecondsMeasured,
      floor: (proxies.floor.statements - idleStart.floor) / idleSecondsMeasured,
    };
    log(`  idle: app ${idlePerSecond.app.toFixed(2)}/s, floor ${idlePerSecond.floor.toFixed(2)}/s statements`);

    const results = {};
    const errors = {};
    for (const name of names) {
      await prepare(name);
      const sequenceLength = scenarios[name](0, 1).length;
      // Both servers at once, each through its own proxy. The sides act as connection 0 and 1 of 2, so
      // task-write's relations (owned per connection) stay disjoint between them.
      const counted = await Promise.all(
        ['app', 'floor'].map(async (side, sideIndex) => {
          const proxy = proxies[side];
          const before = { at: performance.now(), statements: proxy.statements };
          const outcome = await runLoad({
            url: servers[side].url,
            connections: 1,
            amount: perScenario * sequenceLength,
            requestsFor: () => scenarios[name](sideIndex, 2),
          });
          // A write's relay work (audit entry, notification, digest bookkeeping) runs just after its
          // commit: wait until the outbox is empty (asked directly, not through a proxy), then a moment.
          if (kinds[name] !== 'read') await waitForOutboxDrained(databaseUrl, 30_000);
          await sleep(settleMs);
          const seconds = (performance.now() - before.at) / 1000;
          const statements = proxy.statements - before.statements - idlePerSecond[side] * seconds;
          if (outcome.errors) log(`  counting ${name} on ${side}: ${outcome.errors} errors`);
          return {
            perIteration: outcome.iterations ? Math.max(0, statements / outcome.iterations) : null,
            errors: outcome.errors,
          };
        }),
      );
      results[name] = { app: counted[0].perIteration, floor: counted[1].perIteration };
      errors[name] = { app: counted[0].errors, floor: counted[1].errors };
      log(
        `  ${name}: app ${results[name].app?.toFixed(1) ?? '–'}, floor ${results[name].floor?.toFixed(1) ?? '–'} statements per iteration`,
      );
    }
    return { idlePerSecond, perScenario: results, errors };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
  }
}
