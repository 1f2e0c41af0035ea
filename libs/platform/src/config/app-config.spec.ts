import { availableParallelism } from 'node:os';
import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig (runtime contract)', () => {
  it('has the documented defaults with nothing set', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: undefined,
      dataDir: './.data',
      redisUrl: undefined,
      smtpUrl: undefined,
      mailFrom: 'no-reply@localhost',
      appUrl: 'http://localhost:3000',
      jwtSecret: expect.any(String),
      accessTokenTtlSeconds: 600,
      refreshTokenTtlSeconds: 4 * 7 * 24 * 3600,
      logLevel: 'info',
      trustProxy: false,
      corsOrigins: [],
      rateLimitPerMinute: 6000,
      requestTimeoutSeconds: 30,
      requestDeadlineSeconds: 15,
      loginMaxFailuresPerAccount: 5,
      loginMaxFailuresPerAddress: 50,
      loginFailureWindowSeconds: 900,
      unverifiedUserPurgeCron: '0 0 * * *',
      relationCompletionCron: '59 23 * * *',
      taskDigestDelaySeconds: 60,
      taskDigestIntervalSeconds: 600,
      chatEmailDelaySeconds: 900,
      requestReminderAfterSeconds: 3 * 86_400,
      requestExpiresAfterSeconds: 14 * 86_400,
      maxOpenRequests: 5,
      pendingRequestsCron: '*/15 * * * *',
      feedbackWindowSeconds: 30 * 86_400,
      outboxConcurrency: 8,
      smtpPoolSize: 5,
      passwordHashConcurrency: availableParallelism(),
      runBackgroundJobs: undefined,
      queuePrefix: 'mentorship',
      smtpRateLimitPerMinute: 0,
      jobMaxAttempts: 8,
      outboxRequeueAfterSeconds: 300,
      outboxLeaseSeconds: 60,
      metricsPort: undefined,
      metricsToken: undefined,
    });
  });

  it('reads TRUST_PROXY as a boolean, a hop count or a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses an unusable purge schedule and login bounds', () => {
    expect(() => loadConfig({ UNVERIFIED_USER_PURGE_CRON: 'every day' })).toThrow(/UNVERIFIED_USER_PURGE_CRON/);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_ACCOUNT/);
    expect(loadConfig({ LOGIN_FAILURE_WINDOW: '1h' }).loginFailureWindowSeconds).toBe(3600);
  });

  it('bounds the delivery concurrency and the SMTP pool', () => {
    expect(loadConfig({ OUTBOX_CONCURRENCY: '16', SMTP_POOL_SIZE: '2' })).toMatchObject({
      outboxConcurrency: 16,
      smtpPoolSize: 2,
    });
    expect(() => loadConfig({ OUTBOX_CONCURRENCY: '0' })).toThrow(/OUTBOX_CONCURRENCY: must be at least 1/);
    expect(() => loadConfig({ OUTBOX_CONCURRENCY: '65' })).toThrow(/OUTBOX_CONCURRENCY: must be at most 64/);
    expect(() => loadConfig({ SMTP_POOL_SIZE: 'many' })).toThrow(/SMTP_POOL_SIZE/);
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: '3' }).passwordHashConcurrency).toBe(3);
    expect(() => loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });

  it('derives APP_URL from PORT and trims a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '8080' }).appUrl).toBe('http://localhost:8080');
    expect(loadConfig({ APP_URL: 'https://mentors.example.org/' }).appUrl).toBe('https://mentors.example.org');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads durations in seconds or with a unit', () => {
    expect(loadConfig({ JWT_ACCESS_TOKEN_TTL: '90' }).accessTokenTtlSeconds).toBe(90);
    expect(loadConfig({ JWT_ACCESS_TOKEN_TTL: '15m', JWT_REFRESH_TOKEN_TTL: '2w' })).toMatchObject({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 1_209_600,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a number (got "abc")'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535 (got "70000")'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV: must be one of production, development, test (got "prod")'],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: expected a URL starting with postgres:// or postgresql://'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL: expected a URL starting with redis:// or rediss://'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL: expected a URL starting with smtp:// or smtps://'],
    [{ JWT_REFRESH_TOKEN_TTL: '0' }, 'JWT_REFRESH_TOKEN_TTL: expected a positive duration'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: is required when NODE_ENV=production'],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'short' },
      'JWT_SECRET: must be at least 32 characters when NODE_ENV=production',
    ],
    [{ RUN_BACKGROUND_JOBS: 'yes' }, 'RUN_BACKGROUND_JOBS: must be one of true, false (got "yes")'],
    [{ QUEUE_PREFIX: 'a:b' }, 'QUEUE_PREFIX: expected 1-64 letters, digits, ".", "_" or "-" (got "a:b")'],
    [{ SMTP_RATE_LIMIT_PER_MINUTE: '-1' }, 'SMTP_RATE_LIMIT_PER_MINUTE: must be at least 0'],
    [{ JOB_MAX_ATTEMPTS: '0' }, 'JOB_MAX_ATTEMPTS: must be at least 1'],
    [{ OUTBOX_REQUEUE_AFTER: 'soon' }, 'OUTBOX_REQUEUE_AFTER: expected a positive duration'],
    [{ PORT: '3000', METRICS_PORT: '3000' }, 'METRICS_PORT: must differ from PORT'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN: must be at least 16'],
  ])('rejects %o naming the variable and what is allowed', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('never prints the secret it rejects', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ METRICS_TOKEN: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('reads the scale-out settings, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      runBackgroundJobs: undefined,
      queuePrefix: 'mentorship',
      smtpRateLimitPerMinute: 0,
      jobMaxAttempts: 8,
      outboxRequeueAfterSeconds: 300,
      outboxLeaseSeconds: 60,
      metricsPort: undefined,
      metricsToken: undefined,
    });
    expect(
      loadConfig({
        RUN_BACKGROUND_JOBS: 'false',
        QUEUE_PREFIX: 'staging.eu-1',
        SMTP_RATE_LIMIT_PER_MINUTE: '600',
        OUTBOX_REQUEUE_AFTER: '2m',
        METRICS_PORT: '9464',
      }),
    ).toMatchObject({
      runBackgroundJobs: false,
      queuePrefix: 'staging.eu-1',
      smtpRateLimitPerMinute: 600,
      outboxRequeueAfterSeconds: 120,
      metricsPort: 9464,
    });
  });

  it('reads the relation-life settings, and refuses unusable ones', () => {
    expect(
      loadConfig({
        REQUEST_REMINDER_AFTER: '2h',
        REQUEST_EXPIRES_AFTER: '7d',
        MAX_OPEN_REQUESTS: '3',
        PENDING_REQUESTS_CRON: '0 * * * *',
        FEEDBACK_WINDOW: '2w',
      }),
    ).toMatchObject({
      requestReminderAfterSeconds: 7200,
      requestExpiresAfterSeconds: 7 * 86_400,
      maxOpenRequests: 3,
      pendingRequestsCron: '0 * * * *',
      feedbackWindowSeconds: 14 * 86_400,
    });
    expect(() => loadConfig({ MAX_OPEN_REQUESTS: '0' })).toThrow(/MAX_OPEN_REQUESTS/);
    expect(() => loadConfig({ REQUEST_EXPIRES_AFTER: 'never' })).toThrow(/REQUEST_EXPIRES_AFTER/);
    expect(() => loadConfig({ PENDING_REQUESTS_CRON: 'hourly' })).toThrow(/PENDING_REQUESTS_CRON/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', NODE_ENV: 'y' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect((error as ConfigurationError).problems).toHaveLength(2);
    }
  });
});
