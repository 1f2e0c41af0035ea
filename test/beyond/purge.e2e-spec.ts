/**
 * The daily purge of accounts never verified within 30 days: each scheduled occurrence runs once,
 * however many processes (replicas) try it.
 */
import { PurgeUnverifiedUsersJob } from '@app/accounts';
import { APP_URL, createUnverifiedUser, createVerifiedUser } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/app';
import { query } from '../support/database';
import { type AccountsEnv, startAccountsEnv } from './support';

interface UserRow {
  username: string | null;
  email: string | null;
  deleted_at: Date | null;
}

describe('PurgeUnverifiedUsersJob', () => {
  let env: AccountsEnv;
  let replica: TestApp | undefined;

  beforeAll(async () => {
    env = await startAccountsEnv();
    await createVerifiedUser(env.test, env.sink); // the admin
  });

  afterAll(async () => {
    await replica?.close();
    await env?.close();
  });

  const backdate = (id: number, days: number) =>
    query(
      env.db.url,
      `update users set registration_date = extract(epoch from now() - make_interval(days => $2)) where id = $1`,
      [id, days],
    );
  const row = async (id: number) =>
    (await query<UserRow>(env.db.url, 'select username, email, deleted_at from users where id = $1', [id]))[0];

  describe('one occurrence', () => {
    let old: { id: number; username: string; email: string };
    let recent: { id: number; username: string };
    let verifiedOld: { id: number; username: string };
    let job: PurgeUnverifiedUsersJob;
    const occurrence = new Date('2026-12-01T00:00:00Z');

    beforeAll(async () => {
      old = await createUnverifiedUser(env.test, env.db.url);
      recent = await createUnverifiedUser(env.test, env.db.url);
      verifiedOld = await createVerifiedUser(env.test, env.sink);
      await backdate(old.id, 31);
      await backdate(recent.id, 29);
      await backdate(verifiedOld.id, 31);
      job = env.test.app.get(PurgeUnverifiedUsersJob);
    });

    it('runs and purges the one account never verified within 30 days: {ran: true, result: 1}', async () => {
      await expect(job.runScheduled(occurrence)).resolves.toEqual({ ran: true, result: 1 });
    });

    it('that account is anonymised (deleted_at set, username and email null)', async () => {
      expect(await row(old.id)).toEqual({ username: null, email: null, deleted_at: expect.any(Date) });
    });

    it('a recent unverified account and an old verified account are kept', async () => {
      expect(await row(recent.id)).toEqual({
        username: recent.username,
        email: expect.any(String),
        deleted_at: null,
      });
      expect(await row(verifiedOld.id)).toEqual({
        username: verifiedOld.username,
        email: expect.any(String),
        deleted_at: null,
      });
    });

    it("the purged account's username and email are free again", async () => {
      const again = await createUnverifiedUser(env.test, env.db.url, { username: old.username, email: old.email });
      expect(again.id).not.toBe(old.id);
    });

    it('the same occurrence again (as another replica would run it): {ran: false}', async () => {
      await expect(job.runScheduled(occurrence)).resolves.toEqual({ ran: false });
      // the same instant, given with sub-second noise, is the same occurrence
      await expect(job.runScheduled(new Date(occurrence.getTime() + 400))).resolves.toEqual({ ran: false });
    });

    it('the run is recorded once', async () => {
      const runs = await query<{ outcome: string; finished_at: Date | null }>(
        env.db.url,
        'select outcome, finished_at from scheduled_job_runs where job = $1 and scheduled_for = $2',
        [PurgeUnverifiedUsersJob.JOB, occurrence],
      );
      expect(runs).toEqual([{ outcome: '1', finished_at: expect.any(Date) }]);
    });

    it('the next occurrence runs again (and finds nothing left to purge)', async () => {
      await expect(job.runScheduled(new Date('2026-12-02T00:00:00Z'))).resolves.toEqual({ ran: true, result: 0 });
    });
  });

  describe('two app instances on the same database', () => {
    it('running the same occurrence concurrently: exactly one runs it', async () => {
      replica = await startTestApp({ databaseUrl: env.db.url, env: { SMTP_URL: env.sink.url, APP_URL } });
      const stale = await createUnverifiedUser(env.test, env.db.url);
      await backdate(stale.id, 40);

      const occurrence = new Date('2026-12-03T00:00:00Z');
      const results = await Promise.all([
        env.test.app.get(PurgeUnverifiedUsersJob).runScheduled(occurrence),
        replica.app.get(PurgeUnverifiedUsersJob).runScheduled(occurrence),
      ]);
      expect(results.filter((result) => result.ran)).toEqual([{ ran: true, result: 1 }]);
      expect(results.filter((result) => !result.ran)).toEqual([{ ran: false }]);
      expect(await row(stale.id)).toEqual({ username: null, email: null, deleted_at: expect.any(Date) });
    });

    it('many concurrent attempts at another occurrence: still exactly one', async () => {
      const occurrence = new Date('2026-12-04T00:00:00Z');
      const jobs = [env.test.app.get(PurgeUnverifiedUsersJob), replica!.app.get(PurgeUnverifiedUsersJob)];
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => jobs[i % 2].runScheduled(occurrence)));
      expect(results.filter((result) => result.ran)).toHaveLength(1);
    });
  });
});
