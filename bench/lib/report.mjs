/** The runner's printed output: the environment, one table, the email and RSS lines, the legend. */
import os from 'node:os';
import { SCENARIO_KINDS } from './scenarios.mjs';

export const TARGETS = {
  readRatio: 0.6,
  readP99Ms: 50,
  writeRatio: 0.4,
  loginRatio: 0.8,
  emailP50Ms: 300,
  emailP99Ms: 2000,
  peakRssBytes: 300 * 1024 * 1024,
};

const fixed = (value, digits = 0) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const ms = (value) => (value === null || value === undefined ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'PASS' : 'MISS');

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

function table(headers, rows) {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) =>
    cells
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join(' | ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

/** PASS/MISS per scenario row (null when a side is missing). */
export function scenarioVerdict(row) {
  if (!row.app || !row.floor || !row.ratio) return null;
  const kind = SCENARIO_KINDS[row.name];
  if (kind === 'read') return row.ratio >= TARGETS.readRatio && row.app.p99 !== null && row.app.p99 < TARGETS.readP99Ms;
  if (kind === 'write') return row.ratio >= TARGETS.writeRatio;
  return row.ratio >= TARGETS.loginRatio;
}

export function emailVerdict(email) {
  if (!email || email.error || email.requested < 1000) return null; // the target is about 1,000 registrations
  return (
    email.delivered === email.requested &&
    email.p50 !== null &&
    email.p50 < TARGETS.emailP50Ms &&
    email.p99 !== null &&
    email.p99 < TARGETS.emailP99Ms
  );
}

/** The whole printed report, as text. */
export function formatReport(report) {
  const out = [];
  const { machine, settings } = report;
  out.push('');
  out.push(`Benchmark: app (NODE_ENV=production) against the raw floor, on the same database`);
  out.push(`  command:    ${report.command}`);
  out.push(`  date:       ${report.date}`);
  out.push(
    `  machine:    ${machine.cores} cores (${machine.cpuModel}), ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB memory, ${machine.platform}`,
  );
  out.push(`  software:   Node ${machine.node}, ${report.postgresVersion}`);
  const loads = (values) => values.map((value) => value.toFixed(2)).join(' ');
  out.push(
    `  load avg:   ${loads(report.loadAverage.before)} before, ${loads(report.loadAverage.after ?? [])} after (1/5/15 min;` +
      ` other work on the machine skews the figures)`,
  );
  if (report.seed) {
    out.push(
      `  seed:       ${report.seed.users} users, ${report.seed.relations} relations, ${report.seed.tasks} tasks, ${report.seed.comments} comments` +
        ` (${report.seed.reused ? 'reused' : `seeded in ${fixed(report.seed.seconds, 1)} s`}) in ${settings.databaseName}`,
    );
    out.push(
      `  load:       ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s measured per scenario and server;` +
        ` fixtures: ${report.fixtures.readers} readers, ${report.fixtures.requesters} requesters, ${report.fixtures.mentors} mentors`,
    );
  }
  if (report.mismatches?.length) {
    out.push('');
    out.push('Floor/app response mismatches (warning; the numbers below still compare the two):');
    for (const mismatch of report.mismatches) out.push(`  ${mismatch}`);
  }
  const rows = report.scenarios.map((row) => {
    const count = report.queries?.perScenario?.[row.name];
    return [
      row.name,
      fixed(row.app?.iterationsPerSecond),
      fixed(row.floor?.iterationsPerSecond),
      fixed(row.ratio, 2),
      ms(row.app?.p50),
      ms(row.app?.p99),
      ms(row.floor?.p50),
      ms(row.floor?.p99),
      `${row.app?.errors ?? '–'}/${row.floor?.errors ?? '–'}`,
      count ? `${fixed(count.app, 1)}/${fixed(count.floor, 1)}` : '–',
      verdict(scenarioVerdict(row)),
    ];
  });
  if (rows.length) {
    out.push('');
    out.push(
      table(
        [
          'scenario',
          'app req/s',
          'floor req/s',
          'app/floor',
          'app p50',
          'app p99',
          'floor p50',
          'floor p99',
          'errors app/floor',
          'queries app/floor',
          'target',
        ],
        rows,
      ),
    );
  }
  const errorDetails = report.scenarios
    .flatMap((row) =>
      ['app', 'floor'].map((side) => {
        const result = row[side];
        if (!result?.errors) return null;
        const codes = Object.entries(result.statusCodes)
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, count]) => `${code}×${count}`);
        if (result.socketErrors) codes.push(`socket errors×${result.socketErrors}`);
        if (result.timeouts) codes.push(`time-outs×${result.timeouts}`);
        return `  ${row.name} on ${side}: ${codes.join(', ')}`;
      }),
    )
    .filter(Boolean);
  if (errorDetails.length) out.push('', 'Errors:', ...errorDetails);
  for (const note of report.notes ?? []) out.push(`  note: ${note}`);

  out.push('');
  for (const email of report.email ?? []) {
    if (email.error) {
      out.push(`email (${email.database}): FAILED: ${email.error}`);
      continue;
    }
    out.push(
      `email (${email.database}): ${email.delivered}/${email.requested} delivered (${email.registered} registered at ${fixed(email.registrationsPerSecond)}/s)` +
        `; from the 201: p50 ${ms(email.p50)} ms, p99 ${ms(email.p99)} ms, max ${ms(email.max)} ms` +
        `; last email ${fixed(email.secondsUntilLastEmail, 1)} s after the first registration  ${verdict(emailVerdict(email))}`,
    );
  }
  if (report.peakRss?.app) {
    out.push(
      `app peak RSS (VmHWM after the load runs): ${mb(report.peakRss.app)}  ${verdict(report.peakRss.app < TARGETS.peakRssBytes)}` +
        (report.peakRss.floor ? `   (floor: ${mb(report.peakRss.floor)})` : ''),
    );
  }
  const phases = Object.entries(report.phases ?? {})
    .map(([phase, seconds]) => `${phase} ${fixed(seconds, 0)} s`)
    .join(', ');
  out.push(`total run time: ${fixed(report.totalSeconds, 0)} s (${phases})`);
  out.push('');
  out.push('Legend');
  out.push('  req/s: 2xx answers per second of the measured window (task-write: create+complete pairs per second,');
  out.push('         both answered 2xx). p50/p99: latency in ms of those answers (task-write: of the pair), measured');
  out.push('         in the load driver. errors: non-2xx answers + socket errors + time-outs. app/floor: req/s ratio.');
  out.push(
    '  queries: SQL statements per request (per pair for task-write), counted on the wire by a proxy in a separate',
  );
  out.push(
    `         sequential pass (${report.settings.countPerScenario} iterations each, idle background subtracted); BEGIN/COMMIT count;`,
  );
  out.push(
    "         writes include the outbox relay's work after the commit (audit entry, notification, digest bookkeeping).",
  );
  out.push("  login floor = the hash-only floor: user lookup + argon2id verify at the app's parameters.");
  out.push(
    `  targets: reads (search … comments) app/floor ≥ ${TARGETS.readRatio} and app p99 < ${TARGETS.readP99Ms} ms; writes (task-write,` +
      ` send-request) ≥ ${TARGETS.writeRatio};`,
  );
  out.push(
    `           login ≥ ${TARGETS.loginRatio}; email: every email delivered, p50 < ${TARGETS.emailP50Ms} ms and p99 < ${TARGETS.emailP99Ms} ms` +
      ` from the 201, on both databases; app peak RSS < ${mb(TARGETS.peakRssBytes)}.`,
  );
  return out.join('\n');
}
