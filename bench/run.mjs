/**
 * `npm run bench`: seeds PostgreSQL, starts the app (NODE_ENV=production) and the raw floor on the
 * same database, runs every scenario against both with the same settings, counts queries per
 * request in a separate pass, runs the email scenario, and prints one table. See bench/README.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as seedModule from './seed/index.mjs';
import {
  databaseUrlFor,
  maintenanceUrl,
  postgresVersion,
  readTakenPairs,
  readTaskCounters,
  recreateDatabase,
  waitForOutboxDrained,
} from './lib/database.mjs';
import { measureRegistrationEmails, startSmtpSink } from './lib/email.mjs';
import { logInAll, send } from './lib/http.mjs';
import { runLoad } from './lib/load.mjs';
import { parseOptions, USAGE } from './lib/options.mjs';
import { installExitHooks, peakRssBytes, stopAll } from './lib/processes.mjs';
import { countQueries } from './lib/query-count.mjs';
import { describeMachine, formatReport } from './lib/report.mjs';
import {
  buildScenarios,
  createWorkload,
  sampleReads,
  sampleRequest,
  SCENARIO_KINDS,
  searchTermsFrom,
} from './lib/scenarios.mjs';
import { startApp, startFloor } from './lib/servers.mjs';

const log = (...parts) => console.error(...parts);

/** The seed's search terms when it exports them, else 2–3 letter runs of the seeded usernames. */
function searchTerms(fixtures) {
  if (Array.isArray(seedModule.SEARCH_TERMS) && seedModule.SEARCH_TERMS.length) return seedModule.SEARCH_TERMS;
  return searchTermsFrom([...fixtures.readers, ...fixtures.mentors].map((user) => user.username));
}

async function loadCompare() {
  try {
    return (await import('./floor/compare.mjs')).compareWithApp;
  } catch (error) {
    log(`(bench/floor/compare.mjs not usable: ${error.message}; skipping the response comparison)`);
    return null;
  }
}

/**
 * The sanity gate: one request of each scenario on both servers (compareWithApp: app first, then
 * floor). A write that cannot be repeated as is gets a request of its own per server: send-request a
 * fresh pair each, task-write a new task in a relation of each server's own, then its completion.
 */
function comparisonRequests({ names, scenarios, workload }) {
  const requests = [];
  for (const name of names) {
    if (name === 'send-request') {
      const bodies = {};
      const requestFor = (server) => (bodies[server] ??= sampleRequest(name, buildScenarios(workload)['send-request']));
      requests.push({
        name,
        method: 'POST',
        path: '/mentorship_relation/send_request',
        headers: (server) => requestFor(server).headers,
        body: (server) => requestFor(server).body,
      });
    } else if (name === 'task-write') {
      const readerFor = (server) => workload.readers[server === 'app' ? 0 : 1 % workload.readers.length];
      const numbers = {};
      const headers = (server) => ({ authorization: `Bearer ${readerFor(server).token}` });
      requests.push({
        name: `${name} (create)`,
        method: 'POST',
        path: (server) => {
          numbers[server] = workload.takeTaskNumber(readerFor(server).relationId);
          return `/mentorship_relation/${readerFor(server).relationId}/task`;
        },
        headers,
        body: { description: 'Bench check' },
      });
      requests.push({
        name: `${name} (complete)`,
        method: 'PUT',
        path: (server) => `/mentorship_relation/${readerFor(server).relationId}/task/${numbers[server]}/complete`,
        headers,
      });
    } else if (SCENARIO_KINDS[name] === 'read') {
      // Several requests, so every filter of directory-filtered and several callers are compared.
      requests.push(...sampleReads(name, scenarios[name], 8));
    } else {
      requests.push(sampleRequest(name, scenarios[name]));
    }
  }
  return requests;
}

async function compareServers({ app, floor, names, scenarios, workload, refreshCounters }) {
  const compareWithApp = await loadCompare();
  if (!compareWithApp) return ['(not compared: bench/floor/compare.mjs missing)'];
  if (names.includes('task-write')) await refreshCounters();
  try {
    const results = await compareWithApp({
      appUrl: app.url,
      floorUrl: floor.url,
      requests: comparisonRequests({ names, scenarios, workload }),
    });
    return results
      .filter((entry) => !entry.equal)
      .map((entry) => `${entry.name}: ${entry.difference ?? `app ${entry.appStatus}, floor ${entry.floorStatus}`}`);
  } catch (error) {
    return [`compareWithApp failed: ${error.message}`];
  }
}

async function emailScenario({ databaseLabel, databaseUrl, count }) {
  const sink = await startSmtpSink();
  let dataDir;
  let app;
  try {
    if (databaseUrl) await recreateDatabase(databaseUrl);
    else dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-email-'));
    app = await startApp({
      name: `app-email-${databaseUrl ? 'pg' : 'embedded'}`,
      databaseUrl,
      dataDir,
      smtpUrl: sink.url,
      mailFrom: 'bench@example.org',
      readyTimeoutMs: 120_000,
    });
    const result = await measureRegistrationEmails({ appUrl: app.url, sink, count, log });
    return { database: databaseLabel, ...result };
  } catch (error) {
    return { database: databaseLabel, error: error.message.split('\n')[0] };
  } finally {
    await app?.stop();
    await sink.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const startedAt = performance.now();
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    log(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  installExitHooks();
  const { databaseUrl } = options;
  const report = {
    command: [
      process.env.npm_lifecycle_event === 'bench' ? 'npm run bench --' : 'node bench/run.mjs',
      ...process.argv.slice(2),
    ].join(' '),
    date: new Date().toISOString(),
    machine: describeMachine(),
    settings: {
      scale: options.scaleLabel,
      databaseName: options.databaseName,
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      countPerScenario: 50,
      emailCount: options.emailCount,
    },
    scenarios: [],
    notes: [],
    phases: {},
    loadAverage: { before: os.loadavg() },
  };
  let phaseStarted = performance.now();
  const endPhase = (phase) => {
    report.phases[phase] = (performance.now() - phaseStarted) / 1000;
    phaseStarted = performance.now();
  };

  const names = options.scenarios;
  report.postgresVersion = await postgresVersion(maintenanceUrl(databaseUrl));
  if (names.length) {
    log(`Seeding ${options.databaseName} (${options.scaleLabel} users${options.reuseSeed ? ', reuse allowed' : ''}) …`);
    report.seed = await seedModule.seed({
      databaseUrl,
      scale: seedModule.parseScale(options.scaleLabel),
      reuse: options.reuseSeed,
      log,
    });
    endPhase('seed');

    const fixtures = await seedModule.pickFixtures(databaseUrl, {
      readers: Math.max(64, options.connections),
      requesters: 64,
      mentors: 4000,
    });
    report.fixtures = {
      readers: fixtures.readers.length,
      requesters: fixtures.requesters.length,
      mentors: fixtures.mentors.length,
    };
    log(
      `Fixtures: ${report.fixtures.readers} readers, ${report.fixtures.requesters} requesters, ${report.fixtures.mentors} mentors`,
    );
    if (fixtures.readers.length === 0) throw new Error('pickFixtures found no readers');
    if (names.includes('send-request') && (fixtures.requesters.length === 0 || fixtures.mentors.length === 0)) {
      throw new Error('pickFixtures found no requesters or mentors for send-request');
    }
    const workload = createWorkload({
      readers: fixtures.readers,
      requesters: fixtures.requesters,
      mentors: fixtures.mentors,
      loginUsers: [...fixtures.readers, ...fixtures.requesters, ...fixtures.mentors],
      searchTerms: searchTerms(fixtures),
      filterTags: typeof seedModule.tagLabels === 'function' ? seedModule.tagLabels().slice(0, 40) : [],
      locations: seedModule.CITIES ?? [],
      password: seedModule.SEED_PASSWORD,
      takenPairs: await readTakenPairs(
        databaseUrl,
        fixtures.mentors.map((user) => user.userId),
        fixtures.requesters.map((user) => user.userId),
      ),
    });
    const refreshCounters = async () => {
      workload.taskCounters = await readTaskCounters(
        databaseUrl,
        workload.readers.map((reader) => reader.relationId),
      );
    };
    const scenarios = buildScenarios(workload);
    // task-write gives each connection relations of its own, so it cannot use more connections than readers.
    const connectionsFor = (name) =>
      name === 'task-write' ? Math.min(options.connections, workload.readers.length) : options.connections;
    if (names.includes('task-write') && connectionsFor('task-write') < options.connections) {
      report.notes.push(`task-write ran with ${connectionsFor('task-write')} connections (one relation each at least)`);
    }

    log('Starting the app and the floor …');
    const [app, floor] = await Promise.all([startApp({ databaseUrl }), startFloor({ databaseUrl })]);
    log(`  app ${app.url} (pid ${app.pid}), floor ${floor.url} (pid ${floor.pid})`);
    const tokenUsers = [...workload.readers, ...workload.requesters];
    const loginStarted = performance.now();
    await logInAll(app.url, tokenUsers, seedModule.SEED_PASSWORD);
    log(
      `  ${tokenUsers.length} fixture users logged in on the app in ${((performance.now() - loginStarted) / 1000).toFixed(1)} s`,
    );

    // When a run stops, the server still works through the requests it had accepted (64 argon2 hashes for
    // login): one more request of the scenario, answered after that backlog, keeps it out of the next run.
    const quiesce = async (server, name) => {
      try {
        await send(server.url, sampleRequest(name, scenarios[name]), 60_000);
      } catch (error) {
        report.notes.push(`${name}: the request after the run on ${server.name} failed (${error.message})`);
      }
    };

    report.mismatches = await compareServers({ app, floor, names, scenarios, workload, refreshCounters });
    for (const mismatch of report.mismatches) log(`  MISMATCH ${mismatch}`);
    endPhase('start, log in, compare');

    const deadServer = () => [app, floor].find((server) => server.handle.exitCode !== undefined);
    for (const name of names) {
      const dead = deadServer();
      if (dead) {
        report.notes.push(
          `${dead.name} exited (${dead.handle.exitCode}) before ${name}; the remaining scenarios were not run`,
        );
        log(`  ${dead.name} exited (${dead.handle.exitCode}):\n${dead.handle.tail()}`);
        break;
      }
      const row = { name };
      for (const [side, server] of [
        ['app', app],
        ['floor', floor],
      ]) {
        const settings = { url: server.url, connections: connectionsFor(name), requestsFor: scenarios[name] };
        if (options.warmup > 0) {
          if (name === 'task-write') await refreshCounters();
          await runLoad({ ...settings, duration: options.warmup });
          await quiesce(server, name);
        }
        if (name === 'task-write') await refreshCounters();
        row[side] = await runLoad({ ...settings, duration: options.duration });
        await quiesce(server, name);
        if (SCENARIO_KINDS[name] === 'write') {
          // The relay's backlog must not run during the other server's measurement.
          const drained = await waitForOutboxDrained(databaseUrl);
          if (side === 'app' && drained !== null && drained > 0.5) {
            report.notes.push(`${name}: the app's outbox needed ${drained.toFixed(1)} s after the run to drain`);
          }
          if (drained === null)
            report.notes.push(`${name}: the outbox did not drain within 60 s after the ${side} run`);
        }
      }
      row.ratio =
        row.floor.iterationsPerSecond > 0 ? row.app.iterationsPerSecond / row.floor.iterationsPerSecond : null;
      report.scenarios.push(row);
      log(
        `  ${name.padEnd(14)} app ${row.app.iterationsPerSecond.toFixed(0).padStart(6)}/s p99 ${row.app.p99?.toFixed(1) ?? '–'} ms` +
          ` | floor ${row.floor.iterationsPerSecond.toFixed(0).padStart(6)}/s p99 ${row.floor.p99?.toFixed(1) ?? '–'} ms` +
          ` | errors ${row.app.errors}/${row.floor.errors}`,
      );
    }
    if (workload.pairsWrapped)
      report.notes.push('send-request ran out of new requester→mentor pairs and repeated some');
    const peakOf = (server) => (server.handle.exitCode === undefined ? peakRssBytes(server.pid) : null);
    report.peakRss = { app: peakOf(app), floor: peakOf(floor) };
    await Promise.all([app.stop(), floor.stop()]);
    endPhase('load');

    if (options.count) {
      log(`Counting queries (${report.settings.countPerScenario} sequential iterations per scenario and server) …`);
      try {
        report.queries = await countQueries({
          databaseUrl,
          scenarios,
          names,
          kinds: SCENARIO_KINDS,
          prepare: async (name) => {
            if (name === 'task-write') await refreshCounters();
          },
          perScenario: report.settings.countPerScenario,
          log,
        });
      } catch (error) {
        report.notes.push(`query counting failed: ${error.message.split('\n')[0]}`);
      }
      endPhase('query count');
    }
  }

  if (options.email) {
    report.email = [];
    for (const [databaseLabel, url] of [
      ['PostgreSQL', databaseUrlFor(databaseUrl, 'bench_email')],
      ['embedded', undefined],
    ]) {
      log(`Email scenario on ${databaseLabel}: ${options.emailCount} registrations …`);
      report.email.push(await emailScenario({ databaseLabel, databaseUrl: url, count: options.emailCount }));
    }
    endPhase('email');
  }

  report.totalSeconds = (performance.now() - startedAt) / 1000;
  report.loadAverage.after = os.loadavg();
  console.log(formatReport(report));
  if (options.json) {
    await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
    log(`Figures written to ${options.json}`);
  }
}

main()
  .catch(async (error) => {
    log(`\nBenchmark failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
  });
