/**
 * Hardening (issue 15): security headers on every answer, CORS only for the origins CORS_ORIGINS
 * names, a global rate limit per client address, bounded request heads and bodies, a request
 * timeout, and nothing internal in an error. Over real sockets where the bound is Node's own
 * parser (head size, timeout), through Fastify's inject elsewhere.
 */
import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

const MESSAGES = {
  tooMany: 'Too many requests. Please try again later.',
  headerTooLarge: 'One or more header fields exceeds the maximum size.',
  timeout:
    "The server closed the network connection because the browser didn't finish the request within the specified time.",
  tooLarge: 'The data value transmitted exceeds the capacity limit.',
  missingToken: 'The authorization token is missing!',
};

/** Writes `request` on a raw socket and returns what the server sent until it closed the connection. */
function rawExchange(port: number, request: string, { keepOpenMs = 0 } = {}): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started }));
    socket.write(request);
    if (keepOpenMs === 0) socket.end();
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as unknown;

describe('hardening', () => {
  let db: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const test = await startTestApp({ databaseUrl: db.url, env });
    apps.push(test);
    return test;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    for (const test of apps) await test.close();
    await db?.drop();
  });

  describe('security headers', () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await start();
    });

    it('every answer carries them, JSON and errors alike, and names no framework', async () => {
      for (const url of ['/health/live', '/users', '/no/such/route']) {
        const response = await test.app.inject({ method: 'GET', url });
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
        expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('no Strict-Transport-Security outside production (plain local HTTP)', async () => {
      const response = await test.app.inject({ method: 'GET', url: '/health/live' });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    });

    it('Swagger UI still loads under that policy: its scripts come from this origin', async () => {
      const page = await test.app.inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) expect(src).not.toMatch(/^https?:/);
      // No inline script: the policy (script-src 'self') would block it.
      expect(page.body).not.toMatch(/<script(?![^>]*src=)[^>]*>\s*\S/);
    });
  });

  describe('in production', () => {
    it('Strict-Transport-Security is sent', async () => {
      const test = await start({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars!' });
      const response = await test.app.inject({ method: 'GET', url: '/health/live' });
      expect(response.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    });
  });

  describe('CORS', () => {
    it('without CORS_ORIGINS: no CORS headers, a preflight gets nothing that would allow it', async () => {
      const test = await start();
      const response = await test.app.inject({
        method: 'OPTIONS',
        url: '/login',
        headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
      });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const get = await test.app.inject({
        method: 'GET',
        url: '/health/live',
        headers: { origin: 'https://app.example.org' },
      });
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('with CORS_ORIGINS: those origins only, no credentials, the paging headers exposed', async () => {
      const test = await start({ CORS_ORIGINS: 'https://app.example.org, https://admin.example.org/' });
      const preflight = await test.app.inject({
        method: 'OPTIONS',
        url: '/login',
        headers: {
          origin: 'https://app.example.org',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

      const other = await test.app.inject({
        method: 'OPTIONS',
        url: '/login',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();

      const get = await test.app.inject({
        method: 'GET',
        url: '/users',
        headers: { origin: 'https://admin.example.org' },
      });
      expect(get.statusCode).toBe(401);
      expect(get.headers['access-control-allow-origin']).toBe('https://admin.example.org');
      expect(String(get.headers['access-control-expose-headers'])).toContain('X-Total-Count');
    });

    it('refuses a CORS_ORIGINS that is not a list of origins', async () => {
      await expect(start({ CORS_ORIGINS: 'app.example.org' })).rejects.toThrow(/CORS_ORIGINS/);
    });
  });

  describe('global rate limit', () => {
    it('answers 429 with Retry-After past RATE_LIMIT_PER_MINUTE requests of one address; probes stay open', async () => {
      const test = await start({ RATE_LIMIT_PER_MINUTE: '5' });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await test.app.inject({ method: 'GET', url: '/users' })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const refused = await test.app.inject({ method: 'GET', url: '/users' });
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({ message: MESSAGES.tooMany });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Another address is counted on its own; probes are never throttled.
      const other = await test.app.inject({ method: 'GET', url: '/users', remoteAddress: '10.1.2.3' });
      expect(other.statusCode).toBe(401);
      for (const url of ['/health/live', '/health/ready']) {
        expect((await test.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
    });

    it('RATE_LIMIT_PER_MINUTE=0 turns it off', async () => {
      const test = await start({ RATE_LIMIT_PER_MINUTE: '0' });
      for (let i = 0; i < 30; i++)
        expect((await test.app.inject({ method: 'GET', url: '/users' })).statusCode).toBe(401);
    });
  });

  describe('bounds on what a client may send, over a real socket', () => {
    let port: number;
    beforeAll(async () => {
      const test = await start({ REQUEST_TIMEOUT: '2s' });
      await test.app.listen(0, '127.0.0.1');
      port = (test.app.getHttpServer().address() as { port: number }).port;
    });

    it('a request head over 16 KiB: 431 {"message"}, connection closed', async () => {
      const { text } = await rawExchange(
        port,
        `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(statusOf(text)).toBe(431);
      expect(bodyOf(text)).toEqual({ message: MESSAGES.headerTooLarge });
    });

    it('a body over 1 MiB: 413 {"message"}', async () => {
      const body = JSON.stringify({ username: 'x'.repeat(1024 * 1024 + 10), password: 'y' });
      const { text } = await rawExchange(
        port,
        `POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(statusOf(text)).toBe(413);
      expect(bodyOf(text)).toEqual({ message: MESSAGES.tooLarge });
    });

    it('a request that never finishes arriving (slowloris): 408 {"message"} after REQUEST_TIMEOUT, connection closed', async () => {
      const { text, ms } = await rawExchange(
        port,
        'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
        { keepOpenMs: 1 },
      );
      expect(statusOf(text)).toBe(408);
      expect(bodyOf(text)).toEqual({ message: MESSAGES.timeout });
      expect(ms).toBeGreaterThanOrEqual(1_900);
      expect(ms).toBeLessThan(6_000);
    });

    it('bytes that are not HTTP: 400 {"message"}', async () => {
      const { text } = await rawExchange(port, 'HELLO THERE\r\n\r\n');
      expect(statusOf(text)).toBe(400);
      expect(bodyOf(text)).toEqual({
        message: 'The browser (or proxy) sent a request that this server could not understand.',
      });
    });
  });
});
