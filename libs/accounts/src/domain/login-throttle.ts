import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { type AppConfig, InjectConfig, InjectRedis } from '@app/platform';

/** Counts failures per key in a fixed window that starts at the first failure. */
interface FailureStore {
  /** Failures so far in the current window, and seconds until it ends. */
  get(key: string): Promise<{ failures: number; retryAfterSeconds: number }>;
  add(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** The database store (PostgreSQL or PGlite): one upserted row per key, shared by all replicas. */
class DatabaseFailureStore implements FailureStore {
  constructor(
    private readonly em: EntityManager,
    private readonly windowSeconds: number,
  ) {}

  async get(key: string) {
    const rows = await this.em.getConnection().execute<Array<{ failures: number; seconds: number }>>(
      `select "failures", ceil(extract(epoch from ("window_ends_at" - now())))::int as "seconds"
           from "login_failures" where "key" = ? and "window_ends_at" > now()`,
      [key],
    );
    return rows.length ? { failures: rows[0].failures, retryAfterSeconds: Math.max(1, rows[0].seconds) } : none;
  }

  async add(key: string) {
    await this.em.getConnection().execute(
      `insert into "login_failures" ("key", "failures", "window_ends_at")
       values (?, 1, now() + (? * interval '1 second'))
       on conflict ("key") do update set
         "failures" = case when "login_failures"."window_ends_at" <= now() then 1 else "login_failures"."failures" + 1 end,
         "window_ends_at" = case when "login_failures"."window_ends_at" <= now() then excluded."window_ends_at"
                                 else "login_failures"."window_ends_at" end`,
      [key, this.windowSeconds],
    );
  }

  async clear(key: string) {
    await this.em.getConnection().execute(`delete from "login_failures" where "key" = ?`, [key]);
  }
}

/** The Redis store (rate-limiter-flexible), with an in-memory stand-in while Redis is away. */
class RedisFailureStore implements FailureStore {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly redis: Redis,
    windowSeconds: number,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'login_failures',
      points: 1_000_000,
      duration: windowSeconds,
      insuranceLimiter: new RateLimiterMemory({ points: 1_000_000, duration: windowSeconds }),
    });
  }

  async get(key: string) {
    await this.connect();
    const state = await this.limiter.get(key);
    if (!state) return none;
    return { failures: state.consumedPoints, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
  }

  async add(key: string) {
    await this.connect();
    await this.limiter.penalty(key, 1);
  }

  async clear(key: string) {
    await this.connect();
    await this.limiter.delete(key);
  }

  private async connect() {
    if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
  }
}

const none = { failures: 0, retryAfterSeconds: 0 };

export interface ThrottleVerdict {
  blocked: boolean;
  retryAfterSeconds: number;
}

/**
 * Brute-force protection for POST /login: wrong credentials are counted per account and per client
 * address in a store every replica shares (Redis when REDIS_URL is set, the database otherwise);
 * over either bound, logins are refused with 429 until the window ends.
 */
@Injectable()
export class LoginThrottle {
  private readonly store: FailureStore;

  constructor(
    em: EntityManager,
    @InjectRedis() redis: Redis | null,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.store = redis
      ? new RedisFailureStore(redis, config.loginFailureWindowSeconds)
      : new DatabaseFailureStore(em, config.loginFailureWindowSeconds);
  }

  async check(accountKey: string, address: string | null): Promise<ThrottleVerdict> {
    const [account, client] = await Promise.all([
      this.store.get(accountKeyOf(accountKey)),
      address ? this.store.get(addressKeyOf(address)) : Promise.resolve(none),
    ]);
    const retry: number[] = [];
    if (account.failures >= this.config.loginMaxFailuresPerAccount) retry.push(account.retryAfterSeconds);
    if (client.failures >= this.config.loginMaxFailuresPerAddress) retry.push(client.retryAfterSeconds);
    return { blocked: retry.length > 0, retryAfterSeconds: Math.max(0, ...retry) };
  }

  async recordFailure(accountKey: string, address: string | null): Promise<void> {
    await this.store.add(accountKeyOf(accountKey));
    if (address) await this.store.add(addressKeyOf(address));
  }

  /** A successful login clears the account's count (not the address's). */
  async recordSuccess(accountKey: string): Promise<void> {
    await this.store.clear(accountKeyOf(accountKey));
  }
}

const accountKeyOf = (key: string) => `account:${key}`.slice(0, 320);
const addressKeyOf = (address: string) => `address:${address}`.slice(0, 320);

/** The account a login attempt aims at: the user's id when it exists, else what was typed. */
export function loginAccountKey(userId: number | null, identifier: string): string {
  return userId === null ? `name:${identifier.toLowerCase()}` : `user:${userId}`;
}
