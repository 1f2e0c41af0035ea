import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, query, type TestDatabase } from './support/database';
import { freePort, ServerProcess, WORKER_ENTRY } from './support/server-process';

const QUIET = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-long-enough-secret-for-production-tests-0123',
  LOG_LEVEL: 'info',
};

describe('The server as a process (compiled, as `npm start` runs it)', () => {
  describe('on the embedded database (no DATABASE_URL)', () => {
    let dataDir: string;

    beforeAll(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'mentorship-embedded-'));
    });

    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('serves /docs and /health/ready, and a second start finds its data and applies no migration twice', async () => {
      const first = new ServerProcess(await freePort(), { ...QUIET, DATA_DIR: dataDir }).start();
      try {
        await first.ready();
        expect((await fetch(`${first.url}/docs`)).status).toBe(200);
        // Credentials never reach the log: Authorization headers, and tokens inside confirmation links.
        await fetch(`${first.url}/health/live`, { headers: { authorization: 'Bearer secret-access-token-xyz' } });
        await fetch(`${first.url}/user/confirm_email/secret-confirmation-token-xyz`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(first.log).toContain('/user/confirm_email/[REDACTED]');
        expect(first.log).toContain('"authorization":"[REDACTED]"');
        expect(first.log).not.toContain('secret-access-token-xyz');
        expect(first.log).not.toContain('secret-confirmation-token-xyz');
        expect(first.log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
        expect(first.log).toContain('Applied migrations: Migration20261122000000Platform');
        expect(first.log).toContain('embedded PGlite');
      } finally {
        expect(await first.stop()).toEqual({ code: 0, signal: null });
      }

      const second = new ServerProcess(await freePort(), { ...QUIET, DATA_DIR: dataDir }).start();
      try {
        await second.ready();
        expect(second.log).toContain('Database schema is up to date');
        expect(second.log).not.toContain('Applied migrations');
      } finally {
        expect(await second.stop()).toEqual({ code: 0, signal: null });
      }
    });
  });

  describe('on PostgreSQL (DATABASE_URL)', () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('applies migrations once, and two replicas starting together do not apply them twice', async () => {
      const env = { ...QUIET, DATABASE_URL: db.url };
      const replicas = [new ServerProcess(await freePort(), env), new ServerProcess(await freePort(), env)];
      replicas.forEach((replica) => replica.start());
      try {
        await Promise.all(replicas.map((replica) => replica.ready()));
        const applied = await query(db.url, 'select name from mikro_orm_migrations');
        expect(applied.map((row) => row.name)).toEqual([
          'Migration20261122000000Platform',
          'Migration20261129000000Accounts',
          'Migration20261129100000Mentorship',
          'Migration20261129200000Tasks',
          'Migration20261202000000ScaleOut',
          'Migration20261203000000RelationLife',
          'Migration20261203100000Notifications',
          'Migration20261203110000Chat',
          'Migration20261203120000Live',
          'Migration20261203200000Skills',
          'Migration20261203210000Blocks',
          'Migration20261203215000Suspension',
          'Migration20261203220000Moderation',
        ]);
        expect(replicas.filter((replica) => replica.log.includes('Applied migrations'))).toHaveLength(1);
      } finally {
        for (const replica of replicas) expect(await replica.stop()).toEqual({ code: 0, signal: null });
      }
    });

    it('SIGTERM during a slow request: the request completes, then the process exits 0', async () => {
      const server = new ServerProcess(await freePort(), { ...QUIET, DATABASE_URL: db.url }).start();
      await server.ready();

      // A request that is still arriving is in flight: its body trickles in over ~1.5 s.
      const body = JSON.stringify({ username: 'slow', password: 'x'.repeat(40) });
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${server.url}/login-slowly-unknown-route`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        const chunks = body.match(/.{1,10}/g)!;
        let index = 0;
        const timer = setInterval(() => {
          req.write(chunks[index++]);
          if (index === chunks.length) {
            clearInterval(timer);
            req.end();
          }
        }, 1500 / chunks.length);
      });

      await new Promise((resolve) => setTimeout(resolve, 300));
      server.signal('SIGTERM');
      const finished = await response;
      expect(finished.status).toBe(404);
      expect(JSON.parse(finished.body)).toHaveProperty('message');
      expect(await server.exited()).toEqual({ code: 0, signal: null });
      expect(server.log).toContain('SIGTERM received');
    });

    it('the worker starts, relays and serves only health', async () => {
      const worker = new ServerProcess(await freePort(), { ...QUIET, DATABASE_URL: db.url }, WORKER_ENTRY).start();
      try {
        await worker.ready();
        expect((await fetch(`${worker.url}/health/live`)).status).toBe(200);
        expect((await fetch(`${worker.url}/docs`)).status).toBe(404);
      } finally {
        expect(await worker.stop()).toEqual({ code: 0, signal: null });
      }
    });
  });

  describe('configuration', () => {
    it.each([
      [{ PORT: 'abc' }, 'PORT'],
      [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be one of production, development, test'],
      [{ NODE_ENV: 'production', JWT_SECRET: '' }, 'JWT_SECRET: is required when NODE_ENV=production'],
      [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL: expected a URL starting with postgres:// or postgresql://'],
      [{ JWT_ACCESS_TOKEN_TTL: 'ten minutes' }, 'JWT_ACCESS_TOKEN_TTL'],
    ])('a bad value stops start-up with a message naming the variable (%o)', async (env, expected) => {
      const server = new ServerProcess(await freePort(), { LOG_LEVEL: 'info', ...env }).start();
      const result = await server.exited();
      expect(result.code).toBe(1);
      expect(server.log).toContain('Invalid configuration');
      expect(server.log).toContain(expected);
    });
  });
});
