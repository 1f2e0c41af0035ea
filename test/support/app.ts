import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import {
  APP_CONFIG,
  type AppConfig,
  createFastifyAdapter,
  DEFAULT_OUTBOX_OPTIONS,
  loadConfig,
  OUTBOX_OPTIONS,
  type OutboxOptions,
  prepareApp,
} from '@app/platform';
import { ApiModule } from '../../apps/api/src/api.module';

export const TEST_JWT_SECRET = 'test-secret-for-e2e-only-0123456789abcdef';

export interface TestAppOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Extra modules for test-only routes or events; never part of the app itself. */
  imports?: Array<Type<unknown> | DynamicModule>;
  outbox?: Partial<OutboxOptions>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real API module over real HTTP plumbing (Fastify inject), against a real database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Specs run side by side on one Redis: each app's queues are its own.
  const queuePrefix = `test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    // Specs send thousands of requests from one address; the rate-limit spec turns the bound on.
    RATE_LIMIT_PER_MINUTE: '0',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule, ...(options.imports ?? [])] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(OUTBOX_OPTIONS)
    .useValue({ ...DEFAULT_OUTBOX_OPTIONS, pollIntervalMs: 200, ...options.outbox })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  await prepareApp(app, { docs: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      if (config.redisUrl && config.queuePrefix === queuePrefix)
        await deleteRedisKeys(config.redisUrl, `${queuePrefix}:*`);
    },
  };
}

/** Removes what a test app left in Redis under its own prefix. */
export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis unreachable (a spec of that case): nothing was left there.
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
