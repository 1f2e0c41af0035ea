import { Logger as NestLogger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import { ConfigurationError, loadConfig, type AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.provider';
import { applyMigrations } from './database/migrate';
import { configureHttp, createFastifyAdapter } from './http/configure-http';
import { registerSecurity } from './http/security';
import { setupSwagger } from './http/swagger';
import { REDIS_CLIENT } from './redis/redis.module';

export interface PrepareOptions {
  /** Serve Swagger UI and the OpenAPI document (the API does, the worker does not). */
  docs: boolean;
}

/**
 * Everything between "the module graph exists" and "init": logs through pino, pending migrations
 * applied (before anything, the outbox relay included, touches a table), HTTP conventions, security
 * headers, CORS and the global rate limit, docs.
 * Shared by the entry points and the e2e tests so both run the same app.
 */
export async function prepareApp(app: NestFastifyApplication, options: PrepareOptions): Promise<string[]> {
  app.useLogger(app.get(Logger));
  const applied = await applyMigrations(app.get(MikroORM));
  configureHttp(app);
  await registerSecurity(app, app.get<AppConfig>(APP_CONFIG), app.get<Redis | null>(REDIS_CLIENT, { strict: false }));
  if (options.docs) setupSwagger(app);
  return applied;
}

/** Reads the configuration or exits with a message naming each bad variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Starts an entry point: validated config, migrations, HTTP on PORT. On SIGTERM or SIGINT it stops
 * accepting connections, lets in-flight requests finish, closes the database and exits 0.
 */
/** How long SIGTERM waits for in-flight requests and connections to close (REQUEST_DEADLINE is 15 s). */
const SHUTDOWN_TIMEOUT_MS = 20_000;

export async function runApp(module: Type<unknown>, options: PrepareOptions & { name: string }): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = new NestLogger(options.name);
  const applied = await prepareApp(app, options);
  logger.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');

  let closing: Promise<void> | undefined;
  const shutdown = (signal: NodeJS.Signals) => {
    closing ??= (async () => {
      logger.log(`${signal} received: finishing in-flight requests, then exiting`);
      try {
        // Bounded: after a database outage the pool can keep a connection it never gets back, and
        // its close would wait forever; within Kubernetes' 30 s grace, exit on our own terms.
        let timer: NodeJS.Timeout | undefined;
        const closed = await Promise.race([
          app.close().then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SHUTDOWN_TIMEOUT_MS))),
        ]);
        clearTimeout(timer);
        if (!closed) {
          logger.error(`Shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting anyway`);
          process.exit(1);
        }
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: config.port, host: '0.0.0.0' });
  const database = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  logger.log(`${options.name} listening on http://localhost:${config.port} (database: ${database})`);
}
