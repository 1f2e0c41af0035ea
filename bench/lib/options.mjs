/** The runner's command line. */
import { parseArgs } from 'node:util';
import { isLoopbackUrl } from './http.mjs';
import { SCENARIO_NAMES } from './scenarios.mjs';

export const USAGE = `Usage: npm run bench -- [options]   (or: node bench/run.mjs [options] after npm run build)

  --scale 10k|100k|1m|<n>  users to seed (default 10k)
  --duration <s>           measured seconds per scenario and server (default 5)
  --warmup <s>             warm-up seconds before each measured run (default 1)
  --connections <n>        concurrent connections (default 64)
  --only a,b,c             only these scenarios (${SCENARIO_NAMES.join(', ')}, email)
  --skip-email             leave out the email scenario
  --skip-count             leave out the query-counting pass
  --email-count <n>        registrations in the email scenario (default 1000)
  --reuse-seed             keep a complete seed of the same scale instead of re-seeding
  --json <file>            also write every figure to this JSON file
  --database-url <url>     default postgres://postgres@127.0.0.1:5432/bench_<scale> (loopback only)
  --help`;

const positiveNumber = (name, text, { integer = false, allowZero = false } = {}) => {
  const value = Number(text);
  const valid = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!valid)
    throw new Error(
      `--${name} must be a ${integer ? 'whole ' : ''}number${allowZero ? ' ≥ 0' : ' > 0'} (got "${text}")`,
    );
  return value;
};

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scale: { type: 'string', default: '10k' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '64' },
      only: { type: 'string' },
      'skip-email': { type: 'boolean', default: false },
      'skip-count': { type: 'boolean', default: false },
      'email-count': { type: 'string', default: '1000' },
      'reuse-seed': { type: 'boolean', default: false },
      json: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true };
  const scaleLabel = values.scale.trim().toLowerCase();
  if (!/^\d+(\.\d+)?[km]?$/.test(scaleLabel))
    throw new Error(`--scale: expected 10k, 100k, 1m or a number (got "${values.scale}")`);
  const databaseUrl =
    values['database-url'] ?? `postgres://postgres@127.0.0.1:5432/bench_${scaleLabel.replace('.', '_')}`;
  if (!isLoopbackUrl(databaseUrl))
    throw new Error(`--database-url must point at this machine (loopback), got ${databaseUrl}`);
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`unexpected database name "${databaseName}"`);

  const wanted = values.only
    ? values.only
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : null;
  for (const name of wanted ?? []) {
    if (!SCENARIO_NAMES.includes(name) && name !== 'email') throw new Error(`--only: unknown scenario "${name}"`);
  }
  const scenarios = wanted ? SCENARIO_NAMES.filter((name) => wanted.includes(name)) : SCENARIO_NAMES;
  const email = !values['skip-email'] && (!wanted || wanted.includes('email'));
  return {
    help: false,
    scaleLabel,
    databaseUrl,
    databaseName,
    duration: positiveNumber('duration', values.duration),
    warmup: positiveNumber('warmup', values.warmup, { allowZero: true }),
    connections: positiveNumber('connections', values.connections, { integer: true }),
    scenarios,
    email,
    emailCount: positiveNumber('email-count', values['email-count'], { integer: true }),
    count: !values['skip-count'] && scenarios.length > 0,
    reuseSeed: values['reuse-seed'],
    json: values.json,
  };
}
