import { availableParallelism } from 'node:os';
import { validateCronExpression } from 'cron';
import { z } from 'zod';

const DURATION_UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** "600", "10m", "4w" → seconds. */
function parseDurationSeconds(value: string): number | undefined {
  const match = /^(\d+)\s*([smhdw]?)$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * DURATION_UNITS_S[match[2] || 's'];
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const seconds = parseDurationSeconds(value);
      if (seconds === undefined || seconds <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a positive duration such as 600, 90s, 10m, 12h, 4w; got "${value}"`,
        });
        return z.NEVER;
      }
      return seconds;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
    );

const DEV_JWT_SECRET = 'development-only-secret-change-me';

/**
 * The runtime contract (ARCHITECTURE.md). Names and defaults are fixed: deployments rely on them.
 * An empty variable counts as unset.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: url(['postgres', 'postgresql']).optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
    REDIS_URL: url(['redis', 'rediss']).optional(),
    SMTP_URL: url(['smtp', 'smtps']).optional(),
    MAIL_FROM: z.string().min(3).default('no-reply@localhost'),
    APP_URL: url(['http', 'https']).optional(),
    JWT_SECRET: z.string().min(1).optional(),
    JWT_ACCESS_TOKEN_TTL: duration('10m'),
    JWT_REFRESH_TOKEN_TTL: duration('4w'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((value, ctx): boolean | number | string => {
        if (value === 'true' || value === 'false') return value === 'true';
        if (/^\d+$/.test(value)) return Number(value);
        if (/^[\d.:a-fA-F/,\s]+$/.test(value)) return value;
        ctx.addIssue({
          code: 'custom',
          message: 'expected true, false, a number of hops, or a comma-separated list of proxy addresses',
        });
        return z.NEVER;
      }),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx): string[] => {
        const origins = value
          .split(',')
          .map((origin) => origin.trim().replace(/\/+$/, ''))
          .filter(Boolean);
        for (const origin of origins) {
          if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
            ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin (scheme://host[:port]) nor *` });
            return z.NEVER;
          }
        }
        return origins;
      }),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
    REQUEST_TIMEOUT: duration('30s'),
    REQUEST_DEADLINE: duration('15s'),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
    LOGIN_FAILURE_WINDOW: duration('15m'),
    UNVERIFIED_USER_PURGE_CRON: z
      .string()
      .trim()
      .default('0 0 * * *')
      .refine((value) => validateCronExpression(value).valid, {
        message: 'expected a cron expression such as "0 0 * * *"',
      }),
    TASK_DIGEST_DELAY: duration('1m'),
    TASK_DIGEST_INTERVAL: duration('10m'),
    CHAT_EMAIL_DELAY: duration('15m'),
    RELATION_COMPLETION_CRON: z
      .string()
      .trim()
      .default('59 23 * * *')
      .refine((value) => validateCronExpression(value).valid, {
        message: 'expected a cron expression such as "59 23 * * *"',
      }),
    REQUEST_REMINDER_AFTER: duration('3d'),
    REQUEST_EXPIRES_AFTER: duration('14d'),
    MAX_OPEN_REQUESTS: z.coerce.number().int().min(1).max(1000).default(5),
    PENDING_REQUESTS_CRON: z
      .string()
      .trim()
      .default('*/15 * * * *')
      .refine((value) => validateCronExpression(value).valid, {
        message: 'expected a cron expression such as "*/15 * * * *"',
      }),
    FEEDBACK_WINDOW: duration('30d'),
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    RUN_BACKGROUND_JOBS: z.enum(['true', 'false']).optional(),
    QUEUE_PREFIX: z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, { message: 'expected 1-64 letters, digits, ".", "_" or "-"' })
      .default('mentorship'),
    SMTP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(0),
    JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    OUTBOX_REQUEUE_AFTER: duration('5m'),
    OUTBOX_LEASE: duration('60s'),
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_TOKEN: z.string().min(16).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && env.JWT_SECRET && env.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'must be at least 32 characters when NODE_ENV=production',
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
    }
  });

export type AppConfig = {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  appUrl: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  logLevel: string;
  /** Which proxies' X-Forwarded-For to believe for the client address (Fastify's trustProxy). */
  trustProxy: boolean | number | string;
  /** Browser origins allowed by CORS (`*`: any); empty: no CORS headers. */
  corsOrigins: string[];
  /** Requests per client address and minute before 429 (0: no bound); probes and metrics are exempt. */
  rateLimitPerMinute: number;
  /** A request (head and body) must have arrived within this many seconds, or the connection gets 408. */
  requestTimeoutSeconds: number;
  /** A request not answered within this many seconds gets 503 (0: no deadline); streams are exempt. */
  requestDeadlineSeconds: number;
  /** Failed logins allowed per account, and per client address, within the window (then 429). */
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowSeconds: number;
  /** When the purge of unverified accounts older than 30 days runs (cron, UTC). */
  unverifiedUserPurgeCron: string;
  /** Task activity waits this long (so a burst becomes one email), and one digest per relation and recipient per interval. */
  taskDigestDelaySeconds: number;
  taskDigestIntervalSeconds: number;
  /** A chat message the recipient has not read this long after it was sent is emailed (one email per relation per window). */
  chatEmailDelaySeconds: number;
  /** When ACCEPTED relations past their end date become COMPLETED (cron, UTC). */
  relationCompletionCron: string;
  /** A PENDING request's receiver is reminded once after this long. */
  requestReminderAfterSeconds: number;
  /** A request still PENDING this long after it was sent (or at its end date, if sooner) is closed as expired. */
  requestExpiresAfterSeconds: number;
  /** Requests a member may have sent and pending at once; the next one is a 409. */
  maxOpenRequests: number;
  /** When the pending-requests job (reminders, expiry) runs (cron, UTC). */
  pendingRequestsCron: string;
  /** How long after completion each party may leave or edit feedback. */
  feedbackWindowSeconds: number;
  /** How many outbox events a process delivers at once (events of one user or relation stay in order). */
  outboxConcurrency: number;
  /** SMTP connections kept open and reused by the mailer. */
  smtpPoolSize: number;
  /** argon2 hashes computed at once (default: one per core). */
  passwordHashConcurrency: number;
  /**
   * RUN_BACKGROUND_JOBS as given (undefined when unset). Whether a process does background work
   * also depends on what it is: see BackgroundWork.
   */
  runBackgroundJobs?: boolean;
  /** Prefix of every BullMQ key in Redis, so several deployments can share one Redis. */
  queuePrefix: string;
  /** Emails sent per minute across all workers (BullMQ's queue rate limit); 0: no limit. */
  smtpRateLimitPerMinute: number;
  /** Attempts of a queued delivery (exponential backoff from 1 s) before it is failed. */
  jobMaxAttempts: number;
  /** A row handed to queues is handed again after this long unless its jobs reported back (a job lost in Redis). */
  outboxRequeueAfterSeconds: number;
  /** How long the relay's claim of an outbox row lasts before another process may take it over. */
  outboxLeaseSeconds: number;
  /** Serve /metrics on this port only (not on PORT). */
  metricsPort?: number;
  /** Else /metrics on PORT requires "Authorization: Bearer <METRICS_TOKEN>". */
  metricsToken?: string;
};

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Reads and validates the environment; throws ConfigurationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  ) as Record<string, string>;
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = present[name];
        const shown =
          value === undefined || name === 'JWT_SECRET' || name === 'METRICS_TOKEN' ? '' : ` (got "${value}")`;
        return `${name}: ${describeIssue(issue)}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    accessTokenTtlSeconds: e.JWT_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.JWT_REFRESH_TOKEN_TTL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT,
    requestDeadlineSeconds: e.REQUEST_DEADLINE,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginFailureWindowSeconds: e.LOGIN_FAILURE_WINDOW,
    unverifiedUserPurgeCron: e.UNVERIFIED_USER_PURGE_CRON,
    relationCompletionCron: e.RELATION_COMPLETION_CRON,
    taskDigestDelaySeconds: e.TASK_DIGEST_DELAY,
    taskDigestIntervalSeconds: e.TASK_DIGEST_INTERVAL,
    chatEmailDelaySeconds: e.CHAT_EMAIL_DELAY,
    requestReminderAfterSeconds: e.REQUEST_REMINDER_AFTER,
    requestExpiresAfterSeconds: e.REQUEST_EXPIRES_AFTER,
    maxOpenRequests: e.MAX_OPEN_REQUESTS,
    pendingRequestsCron: e.PENDING_REQUESTS_CRON,
    feedbackWindowSeconds: e.FEEDBACK_WINDOW,
    outboxConcurrency: e.OUTBOX_CONCURRENCY,
    smtpPoolSize: e.SMTP_POOL_SIZE,
    passwordHashConcurrency: e.PASSWORD_HASH_CONCURRENCY ?? availableParallelism(),
    runBackgroundJobs: e.RUN_BACKGROUND_JOBS === undefined ? undefined : e.RUN_BACKGROUND_JOBS === 'true',
    queuePrefix: e.QUEUE_PREFIX,
    smtpRateLimitPerMinute: e.SMTP_RATE_LIMIT_PER_MINUTE,
    jobMaxAttempts: e.JOB_MAX_ATTEMPTS,
    outboxRequeueAfterSeconds: e.OUTBOX_REQUEUE_AFTER,
    outboxLeaseSeconds: e.OUTBOX_LEASE,
    metricsPort: e.METRICS_PORT,
    metricsToken: e.METRICS_TOKEN,
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    default:
      return issue.message;
  }
}
