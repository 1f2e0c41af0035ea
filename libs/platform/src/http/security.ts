import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { Messages } from './messages';

/** Probes and scrapes are never throttled: a flood must not make Kubernetes restart a healthy pod. */
const UNTHROTTLED = /^\/(?:health\/|metrics(?:[/?]|$))/;
const WINDOW_SECONDS = 60;

/**
 * The response headers of @fastify/helmet. The API answers JSON; the few HTML pages (Swagger UI at
 * /docs and /, the unsubscribe page) load their scripts from this origin and keep inline styles.
 */
async function registerHelmet(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Strict-Transport-Security only where TLS ends in front of us (production), never on plain local HTTP.
    hsts: config.nodeEnv === 'production' ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/**
 * CORS for the browser origins CORS_ORIGINS names (`*` for any). Bearer tokens, not cookies, carry
 * the identity, so credentials are never allowed. Unset: no CORS headers at all (same origin only).
 */
async function registerCors(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  if (config.corsOrigins.length === 0) return;
  await fastify.register(cors, {
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Last-Event-ID'],
    exposedHeaders: ['X-Total-Count', 'Link', 'X-Request-Id', 'Retry-After'],
    credentials: false,
    maxAge: 600,
  });
}

/**
 * A global bound of requests per client address and minute (RATE_LIMIT_PER_MINUTE, 0: none), beside
 * the login throttle: 429 {"message"} with Retry-After. Counted in Redis when REDIS_URL is set, so
 * the bound holds across replicas (in memory while Redis is away), else in this process.
 */
function registerRateLimit(fastify: FastifyInstance, config: AppConfig, redis: Redis | null): void {
  if (config.rateLimitPerMinute <= 0) return;
  const memory = new RateLimiterMemory({ points: config.rateLimitPerMinute, duration: WINDOW_SECONDS });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.queuePrefix}:rate`,
        points: config.rateLimitPerMinute,
        duration: WINDOW_SECONDS,
        insuranceLimiter: memory,
      })
    : memory;
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNTHROTTLED.test(request.url)) return;
    if (redis?.status === 'wait') await redis.connect().catch(() => undefined);
    try {
      await limiter.consume(request.ip);
    } catch (rejection) {
      // A store error lets the request through: the bound guards against floods, it never takes the API down.
      if (!(rejection instanceof RateLimiterRes)) return;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .header('content-type', 'application/json; charset=utf-8')
        .send({ message: Messages.TOO_MANY_REQUESTS });
    }
  });
}

/**
 * A deadline per request (REQUEST_DEADLINE): a request still unanswered then gets 503 {"message"}
 * with Retry-After, whatever holds it (a database that stopped answering, a lock), so no client
 * hangs. What the handler was doing goes on, and its outcome is not sent. A response that has
 * started (an event stream) is never cut.
 */
function registerDeadline(fastify: FastifyInstance, config: AppConfig): void {
  if (config.requestDeadlineSeconds <= 0) return;
  const deadlineMs = config.requestDeadlineSeconds * 1000;
  fastify.addHook('onRequest', async (request, reply) => {
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      request.log.warn({ deadlineMs }, 'Request deadline passed; answered 503');
      void reply
        .code(503)
        .header('retry-after', '5')
        .header('content-type', 'application/json; charset=utf-8')
        .send({ message: Messages.SERVICE_UNAVAILABLE });
    }, deadlineMs);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    reply.raw.once('finish', () => clearTimeout(timer));
  });
}

/** Security headers, CORS, the global rate limit and the request deadline; before the routes are ready. */
export async function registerSecurity(
  app: NestFastifyApplication,
  config: AppConfig,
  redis: Redis | null,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerRateLimit(fastify, config, redis);
  registerDeadline(fastify, config);
  await registerHelmet(fastify, config);
  await registerCors(fastify, config);
}
