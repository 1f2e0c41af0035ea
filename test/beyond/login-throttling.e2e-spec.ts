/**
 * Brute-force protection of POST /login: wrong credentials are counted per account and per client
 * address; past either bound the answer is 429 with Retry-After until the window ends.
 * Each test uses its own client address (remoteAddress), so only the counter under test moves.
 */
import type { Response } from 'light-my-request';
import { createVerifiedUser, type VerifiedUser } from '../support/accounts';
import { query } from '../support/database';
import { type AccountsEnv, attemptLogin, expectMessage, MESSAGES, randomAddress, startAccountsEnv } from './support';

const WRONG_PASSWORD = 'Not_the_password_1';

function expectThrottled(response: Response, windowSeconds = 900): void {
  expectMessage(response, 429, MESSAGES.tooManyLogins);
  const retryAfter = response.headers['retry-after'];
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

/** The per-account examples, run against the database store and against Redis. */
function perAccountExamples(getEnv: () => AccountsEnv, newUser: () => Promise<VerifiedUser>): void {
  const login = (username: string, password: string, address: string) =>
    attemptLogin(getEnv().test, { username, password }, address);

  it('5 wrong passwords → 401 each; the 6th attempt, even with the right password → 429 with Retry-After', async () => {
    const user = await newUser();
    const address = randomAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectMessage(await login(user.username, WRONG_PASSWORD, address), 401, MESSAGES.wrongCredentials);
    }
    expectThrottled(await login(user.username, user.password, address));
    expectThrottled(await login(user.username, WRONG_PASSWORD, address));
  });

  it('the account stays blocked from another address too (the bound is per account)', async () => {
    const user = await newUser();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectMessage(await login(user.username, WRONG_PASSWORD, randomAddress()), 401, MESSAGES.wrongCredentials);
    }
    expectThrottled(await login(user.username, user.password, randomAddress()));
    // by email as well as by username: the same account
    expectThrottled(await login(user.email, user.password, randomAddress()));
  });

  it('a different account from the same address is unaffected', async () => {
    const blocked = await newUser();
    const other = await newUser();
    const address = randomAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectMessage(await login(blocked.username, WRONG_PASSWORD, address), 401, MESSAGES.wrongCredentials);
    }
    expectThrottled(await login(blocked.username, blocked.password, address));
    expectMessage(await login(other.username, WRONG_PASSWORD, address), 401, MESSAGES.wrongCredentials);
    expect((await login(other.username, other.password, address)).statusCode).toBe(200);
  });

  it('a successful login before reaching the bound resets the count of the account', async () => {
    const user = await newUser();
    const address = randomAddress();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectMessage(await login(user.username, WRONG_PASSWORD, address), 401, MESSAGES.wrongCredentials);
    }
    expect((await login(user.username, user.password, address)).statusCode).toBe(200);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectMessage(await login(user.username, WRONG_PASSWORD, address), 401, MESSAGES.wrongCredentials);
    }
    expectThrottled(await login(user.username, user.password, address));
  });
}

describe('login throttling', () => {
  describe('per account (default bounds: 5 per account, 50 per address, 15 minutes; database store)', () => {
    let env: AccountsEnv;
    const users: VerifiedUser[] = [];

    beforeAll(async () => {
      env = await startAccountsEnv();
      users.push(await createVerifiedUser(env.test, env.sink)); // the admin
    });

    afterAll(async () => {
      await env?.close();
    });

    perAccountExamples(
      () => env,
      () => createVerifiedUser(env.test, env.sink),
    );

    it('malformed requests (missing password → 400, missing username → 400) do not count', async () => {
      const user = await createVerifiedUser(env.test, env.sink);
      const address = randomAddress();
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        expectMessage(
          await attemptLogin(env.test, { username: user.username }, address),
          400,
          MESSAGES.passwordMissing,
        );
        expectMessage(
          await attemptLogin(env.test, { username: user.username, password: '' }, address),
          400,
          MESSAGES.passwordMissing,
        );
        expectMessage(
          await attemptLogin(env.test, { password: WRONG_PASSWORD }, address),
          400,
          'The field username is missing.',
        );
      }
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await attemptLogin(env.test, { username: user.username, password: WRONG_PASSWORD }, address);
        expectMessage(response, 401, MESSAGES.wrongCredentials);
      }
      expectThrottled(await attemptLogin(env.test, { username: user.username, password: user.password }, address));
    });

    it('unknown usernames are counted per typed name too', async () => {
      const address = randomAddress();
      const payload = { username: 'no_such_member_here', password: WRONG_PASSWORD };
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expectMessage(await attemptLogin(env.test, payload, address), 401, MESSAGES.wrongCredentials);
      }
      expectThrottled(await attemptLogin(env.test, payload, randomAddress()));
    });

    it('the Retry-After of a blocked account counts down from the first failure (about 900 s)', async () => {
      const user = await createVerifiedUser(env.test, env.sink);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await attemptLogin(env.test, { username: user.username, password: WRONG_PASSWORD }, randomAddress());
      }
      const response = await attemptLogin(env.test, { username: user.username, password: user.password });
      expectThrottled(response);
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(880);
    });
  });

  describe('per address (LOGIN_MAX_FAILURES_PER_ADDRESS=3, LOGIN_MAX_FAILURES_PER_ACCOUNT=100)', () => {
    let env: AccountsEnv;
    let user: VerifiedUser;

    beforeAll(async () => {
      env = await startAccountsEnv({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' });
      user = await createVerifiedUser(env.test, env.sink);
    });

    afterAll(async () => {
      await env?.close();
    });

    it('3 failures on different unknown usernames, then the 4th attempt for any user → 429', async () => {
      const address = randomAddress();
      for (const username of ['nobody_one', 'nobody_two', 'nobody_three']) {
        const response = await attemptLogin(env.test, { username, password: WRONG_PASSWORD }, address);
        expectMessage(response, 401, MESSAGES.wrongCredentials);
      }
      expectThrottled(await attemptLogin(env.test, { username: user.username, password: user.password }, address));
      expectThrottled(await attemptLogin(env.test, { username: 'nobody_four', password: WRONG_PASSWORD }, address));
    });

    it('another address is unaffected', async () => {
      const response = await attemptLogin(
        env.test,
        { username: user.username, password: user.password },
        randomAddress(),
      );
      expect(response.statusCode).toBe(200);
    });

    it('a successful login does not reset the count of the address', async () => {
      const address = randomAddress();
      for (const username of ['nobody_five', 'nobody_six']) {
        await attemptLogin(env.test, { username, password: WRONG_PASSWORD }, address);
      }
      expect(
        (await attemptLogin(env.test, { username: user.username, password: user.password }, address)).statusCode,
      ).toBe(200);
      expectMessage(
        await attemptLogin(env.test, { username: 'nobody_seven', password: WRONG_PASSWORD }, address),
        401,
        MESSAGES.wrongCredentials,
      );
      expectThrottled(await attemptLogin(env.test, { username: user.username, password: user.password }, address));
    });

    it('a spoofed X-Forwarded-For does not escape the address bound (no proxy is trusted by default)', async () => {
      const address = randomAddress();
      for (const username of ['nobody_eight', 'nobody_nine', 'nobody_ten']) {
        const response = await env.test.app.inject({
          method: 'POST',
          url: '/login',
          payload: { username, password: WRONG_PASSWORD },
          headers: { 'x-forwarded-for': randomAddress() },
          remoteAddress: address,
        });
        expectMessage(response, 401, MESSAGES.wrongCredentials);
      }
      const response = await env.test.app.inject({
        method: 'POST',
        url: '/login',
        payload: { username: user.username, password: user.password },
        headers: { 'x-forwarded-for': randomAddress() },
        remoteAddress: address,
      });
      expectThrottled(response);
    });
  });

  describe('per account with REDIS_URL (the Redis store)', () => {
    let env: AccountsEnv;

    beforeAll(async () => {
      env = await startAccountsEnv({ REDIS_URL: 'redis://127.0.0.1:6379', RUN_BACKGROUND_JOBS: 'true' });
      // Redis outlives the database: user ids (the account keys) must not repeat across runs.
      const start = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
      await query(env.db.url, 'select setval(pg_get_serial_sequence($1, $2), $3)', ['users', 'id', start]);
    });

    afterAll(async () => {
      await env?.close();
    });

    /** Unique per run, so leftovers in Redis from earlier runs never collide. */
    const runTag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.slice(-10);
    let sequence = 0;
    const newUser = () => {
      sequence += 1;
      const username = `rds_${runTag}_${sequence}`;
      return createVerifiedUser(env.test, env.sink, { username, email: `${username}@example.org` });
    };

    perAccountExamples(() => env, newUser);

    it('the counters live in Redis, not in the database', async () => {
      const user = await newUser();
      await attemptLogin(env.test, { username: user.username, password: WRONG_PASSWORD }, randomAddress());
      expect(await query(env.db.url, 'select * from login_failures')).toEqual([]);
    });
  });
});
