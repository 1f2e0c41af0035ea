import { eventually, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, type TestDatabase } from './support/database';
import { TcpProxy } from './support/tcp-proxy';

describe('Health probes', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let test: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${port}`;
    test = await startTestApp({ databaseUrl: viaProxy.toString() });
  });

  afterAll(async () => {
    await test?.close().catch(() => undefined);
    await proxy?.cut();
    await db?.drop();
  });

  const get = (url: string) => test.app.inject({ method: 'GET', url });

  it('live answers 200 without touching dependencies', async () => {
    const response = await get('/health/live');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('ready is 200 with the database up, 503 while it is down, and 200 again once it is back, without a restart', async () => {
    const up = await get('/health/ready');
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });

    await proxy.cut();
    const down = await eventually(async () => {
      const response = await get('/health/ready');
      return response.statusCode === 503 ? response : undefined;
    });
    expect(down.json()).toMatchObject({
      message: 'The server is temporarily unable to service your request. Please try again later.',
      status: 'error',
      error: { database: { status: 'down' } },
    });
    // Liveness does not depend on the database.
    expect((await get('/health/live')).statusCode).toBe(200);

    await proxy.restore();
    const back = await eventually(async () => {
      const response = await get('/health/ready');
      return response.statusCode === 200 ? response : undefined;
    });
    expect(back.json()).toMatchObject({ status: 'ok' });
  });

  it('ready checks Redis too when REDIS_URL is set', async () => {
    const withRedis = await startTestApp({ databaseUrl: db.url, env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      const response = await withRedis.app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ info: { database: { status: 'up' }, redis: { status: 'up' } } });
    } finally {
      await withRedis.close();
    }
    const unreachable = await startTestApp({ databaseUrl: db.url, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const response = await unreachable.app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { redis: { status: 'down' } } });
    } finally {
      await unreachable.close();
    }
  });
});
