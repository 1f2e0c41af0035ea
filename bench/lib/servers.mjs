/** The two servers under test, each a child process on a free loopback port. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, startNodeProcess, waitForHttp } from './processes.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const APP_SCRIPT = fileURLToPath(new URL('../../dist/apps/api/src/main.js', import.meta.url));
/** The V8 flags `npm start`, `npm run start:prod` and the Dockerfile run the app with. */
export const APP_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=192'];
export const FLOOR_SCRIPT = fileURLToPath(new URL('../floor/server.mjs', import.meta.url));

/** The bench's own JWT secret (32+ characters, as NODE_ENV=production demands); shared by app and floor. */
export const BENCH_JWT_SECRET = 'bench-only-jwt-secret-not-for-production-0123456789';

/**
 * The app as production runs it (`node dist/apps/api/src/main.js`, NODE_ENV=production), on
 * PostgreSQL (databaseUrl) or on the embedded database (dataDir). Ready once /health/ready is 200.
 * Access tokens live 2 h here so that a long run (--scale 1m, long --duration) never sees one expire.
 */
export async function startApp({
  name = 'app',
  databaseUrl,
  dataDir,
  smtpUrl,
  mailFrom,
  extraEnv = {},
  readyTimeoutMs = 90_000,
}) {
  if (!existsSync(APP_SCRIPT)) throw new Error(`${APP_SCRIPT} is missing: run npm run build first`);
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: BENCH_JWT_SECRET,
    JWT_ACCESS_TOKEN_TTL: '2h',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    // The load driver is one client address sending thousands of requests a second.
    RATE_LIMIT_PER_MINUTE: '0',
    ...extraEnv,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (dataDir) env.DATA_DIR = dataDir;
  if (smtpUrl) env.SMTP_URL = smtpUrl;
  if (mailFrom) env.MAIL_FROM = mailFrom;
  const handle = startNodeProcess({ name, script: APP_SCRIPT, env, cwd: REPO_ROOT, nodeFlags: APP_NODE_FLAGS });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health/ready`, { handle, accept: (status) => status === 200, timeoutMs: readyTimeoutMs });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { name, url, pid: handle.pid, handle, stop: () => handle.stop() };
}

/** The floor (bench/floor/server.mjs CLI). Ready once it answers any HTTP request. */
export async function startFloor({ name = 'floor', databaseUrl, poolSize = 10, readyTimeoutMs = 30_000 }) {
  if (!existsSync(FLOOR_SCRIPT)) throw new Error(`${FLOOR_SCRIPT} is missing`);
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    JWT_SECRET: BENCH_JWT_SECRET,
    FLOOR_POOL_SIZE: String(poolSize),
  };
  const handle = startNodeProcess({ name, script: FLOOR_SCRIPT, env, cwd: REPO_ROOT });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health/ready`, { handle, timeoutMs: readyTimeoutMs });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { name, url, pid: handle.pid, handle, stop: () => handle.stop() };
}
