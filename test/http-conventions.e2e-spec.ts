import { TokenService } from '@app/platform';
import { startTestApp, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/database';
import { ProbeModule } from './support/probe.module';
import { signTestToken } from './support/tokens';

const NOT_FOUND =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';
const BAD_REQUEST = 'The browser (or proxy) sent a request that this server could not understand.';

describe('HTTP conventions and auth plumbing', () => {
  let db: TestDatabase;
  let test: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    test = await startTestApp({ databaseUrl: db.url, imports: [ProbeModule] });
  });

  afterAll(async () => {
    await test?.close();
    await db?.drop();
  });

  const inject = (options: Parameters<TestApp['app']['inject']>[0]) => test.app.inject(options);

  describe('unknown routes', () => {
    it.each(['/nope', '/users/abc/def', '/mentorship_relation/x'])('GET %s is 404 with Flask text', async (url) => {
      const response = await inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: NOT_FOUND });
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    });

    it('a POST to an unknown route is 404 too, whatever its body', async () => {
      const response = await inject({
        method: 'POST',
        url: '/register/nope',
        payload: '{bad',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ message: NOT_FOUND });
    });
  });

  describe('known paths with another method', () => {
    it.each([
      ['GET', '/login', 'OPTIONS, POST'],
      ['DELETE', '/register', 'OPTIONS, POST'],
      ['POST', '/user', 'DELETE, GET, HEAD, OPTIONS, PUT'],
      ['PATCH', '/mentorship_relation/7/accept', 'OPTIONS, PUT'],
    ])('%s %s is 405 with Flask text and the Allow header', async (method, url, allow) => {
      const response = await inject({ method: method as 'GET', url });
      expect(response.statusCode).toBe(405);
      expect(response.json()).toEqual({ message: 'The method is not allowed for the requested URL.' });
      expect(response.headers.allow).toBe(allow);
    });
  });

  describe('request bodies', () => {
    it('parses JSON', async () => {
      const response = await inject({ method: 'POST', url: '/__test/echo', payload: { a: 1 } });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ body: { a: 1 } });
    });

    it('malformed JSON is 400 with Flask text', async () => {
      const response = await inject({
        method: 'POST',
        url: '/__test/echo',
        payload: '{"username": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: BAD_REQUEST });
    });

    it('an empty JSON body on POST is 400 with Flask text', async () => {
      const response = await inject({
        method: 'POST',
        url: '/__test/echo',
        payload: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: BAD_REQUEST });
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])(
      'a %s body is 400 with Flask text',
      async (contentType) => {
        const response = await inject({
          method: 'POST',
          url: '/__test/echo',
          payload: 'username=a&password=b',
          headers: { 'content-type': contentType },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ message: BAD_REQUEST });
      },
    );

    it('prototype poisoning attempts are 400, never applied', async () => {
      const response = await inject({
        method: 'POST',
        url: '/__test/echo',
        payload: '{"__proto__": {"isAdmin": true}}',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ message: BAD_REQUEST });
    });

    it('a body over 1 MB is 413, not 500', async () => {
      const response = await inject({
        method: 'POST',
        url: '/__test/echo',
        payload: JSON.stringify({ bio: 'x'.repeat(1024 * 1024 + 10) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({ message: 'The data value transmitted exceeds the capacity limit.' });
    });

    it('a body just under 1 MB is accepted', async () => {
      const response = await inject({
        method: 'POST',
        url: '/__test/echo',
        payload: JSON.stringify({ bio: 'x'.repeat(1024 * 1024 - 100) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(201);
    });
  });

  describe('errors', () => {
    it('an unexpected error is 500 with a generic message and no detail', async () => {
      const response = await inject({ method: 'GET', url: '/__test/boom' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ message: 'Internal Server Error' });
      expect(response.body).not.toContain('secret internal detail');
    });

    it('every response carries a request id, and a sane caller id is kept', async () => {
      const generated = await inject({ method: 'GET', url: '/health/live' });
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'client-abc.123' } });
      expect(kept.headers['x-request-id']).toBe('client-abc.123');
      const replaced = await inject({
        method: 'GET',
        url: '/health/live',
        headers: { 'x-request-id': 'bad id <script>' },
      });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('trailing slashes', () => {
    it('are tolerated as in the reference', async () => {
      expect((await inject({ method: 'GET', url: '/health/live/' })).statusCode).toBe(200);
      expect((await inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    });
  });

  describe('access tokens', () => {
    const protectedRoute = (headers: Record<string, string> = {}) =>
      inject({ method: 'GET', url: '/__test/protected', headers });

    it('a valid access token passes and identifies the user', async () => {
      const token = test.app.get(TokenService).issue(42, 'access').token;
      const response = await protectedRoute({ authorization: `Bearer ${token}` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ id: 42 });
    });

    it('no Authorization header: 401 "missing"', async () => {
      const response = await protectedRoute();
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'The authorization token is missing!' });
    });

    it('an empty Authorization header: 401 "missing"', async () => {
      const response = await protectedRoute({ authorization: '' });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'The authorization token is missing!' });
    });

    it('an expired token: 401 "expired"', async () => {
      const token = signTestToken({ identity: 1, type: 'access', expiresInSeconds: -10 });
      const response = await protectedRoute({ authorization: `Bearer ${token}` });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'The token has expired! Please, login again or refresh it.' });
    });

    it.each([
      ['garbage', 'Bearer not.a.jwt'],
      ['a forged signature', `Bearer ${signTestToken({ identity: 1, type: 'access' }, 'another-secret')}`],
      ['a refresh token', `Bearer ${signTestToken({ identity: 1, type: 'refresh' })}`],
      ['another scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['a bare token without "Bearer"', signTestToken({ identity: 1, type: 'access' })],
    ])('%s: 401 "invalid"', async (_what, header) => {
      const response = await protectedRoute({ authorization: header });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'The token is invalid!' });
    });

    it('issued tokens carry flask-jwt-extended claims and the configured lifetimes', async () => {
      const tokens = test.app.get(TokenService);
      const access = tokens.issue(7, 'access');
      const refresh = tokens.issue(7, 'refresh');
      const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      const now = Math.floor(Date.now() / 1000);
      expect(decode(access.token)).toMatchObject({ identity: 7, type: 'access', fresh: false });
      expect(decode(access.token).exp - now).toBeGreaterThanOrEqual(599);
      expect(decode(access.token).exp - now).toBeLessThanOrEqual(600);
      expect(decode(refresh.token).exp - now).toBeGreaterThanOrEqual(4 * 7 * 86400 - 1);
      expect(JSON.parse(Buffer.from(access.token.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    });
  });

  describe('refresh tokens', () => {
    it('a refresh token passes the refresh guard', async () => {
      const token = signTestToken({ identity: 5, type: 'refresh' });
      const response = await inject({
        method: 'POST',
        url: '/__test/refresh',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ id: 5 });
    });

    it('an access token on a refresh route: 401 "invalid"', async () => {
      const token = signTestToken({ identity: 5, type: 'access' });
      const response = await inject({
        method: 'POST',
        url: '/__test/refresh',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ message: 'The token is invalid!' });
    });

    it('no token on a refresh route: 401 "missing"; an expired one: 401 "expired"', async () => {
      const missing = await inject({ method: 'POST', url: '/__test/refresh' });
      expect(missing.statusCode).toBe(401);
      expect(missing.json()).toEqual({ message: 'The authorization token is missing!' });
      const expired = await inject({
        method: 'POST',
        url: '/__test/refresh',
        headers: { authorization: `Bearer ${signTestToken({ identity: 5, type: 'refresh', expiresInSeconds: -1 })}` },
      });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual({ message: 'The token has expired! Please, login again or refresh it.' });
    });
  });

  describe('API docs', () => {
    it('serves Swagger UI at /docs and at /', async () => {
      for (const url of ['/docs', '/']) {
        const response = await inject({ method: 'GET', url });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.body).toContain('swagger-ui');
      }
      const asset = await inject({ method: 'GET', url: '/docs/swagger-ui-init.js' });
      expect(asset.statusCode).toBe(200);
    });

    it('serves an OpenAPI 3 document with bearer auth at /docs-json', async () => {
      const response = await inject({ method: 'GET', url: '/docs-json' });
      expect(response.statusCode).toBe(200);
      const document = response.json();
      expect(document.openapi).toMatch(/^3\./);
      expect(document.info).toMatchObject({ title: 'Mentorship System API', version: '1.0' });
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(document.paths['/health/ready'].get.responses['503']).toBeDefined();
    });

    it('serves the same document at /swagger.json, where the reference serves its own', async () => {
      const reference = await inject({ method: 'GET', url: '/swagger.json' });
      expect(reference.statusCode).toBe(200);
      expect(reference.json()).toEqual((await inject({ method: 'GET', url: '/docs-json' })).json());
    });
  });
});
