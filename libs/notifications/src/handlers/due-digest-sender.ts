import { Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { AppConfig, BackgroundWork, JobQueues } from '@app/platform';

/** A digest row's key: one relation, one recipient. */
export interface DigestKey {
  relation_id: number;
  recipient_id: number;
}

/** How long a claimed digest is reserved for this process before another may take it over. */
export const DIGEST_LEASE_SECONDS = 60;

/**
 * What the task and chat digests share: a poll in every process that does background work claims
 * due rows (FOR UPDATE SKIP LOCKED and a lease, so each is mailed by one process) and mails them;
 * with REDIS_URL the poll only claims (for OUTBOX_REQUEUE_AFTER) and hands each row to a job in
 * the `email` queue, which reads the row again and mails it. A failed mail or hand-over releases
 * the claim, so the row is taken again at the next poll; a job lost in Redis leaves it due.
 * Subclasses say which rows are due, how a row is mailed, and the job's name and id.
 */
export abstract class DueDigestSender<Row extends DigestKey>
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy
{
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(
    protected readonly em: EntityManager,
    protected readonly config: AppConfig,
    private readonly background: BackgroundWork,
    private readonly jobs: JobQueues,
    private readonly digest: { table: string; job: string; noun: string },
  ) {}

  /** Claims up to 20 due rows for `claimSeconds`. */
  protected abstract claimDue(em: SqlEntityManager, claimSeconds: number): Promise<Row[]>;
  /** The queue job's id for a claimed row: the same wait handed again is a no-op while its job exists. */
  protected abstract jobIdOf(row: Row): string;
  /** The row as it is now (for a queued job). */
  protected abstract load(em: SqlEntityManager, relationId: number, recipientId: number): Promise<Row | undefined>;
  /** Mails the row (when there is something to mail) and marks it; true when an email went out. */
  protected abstract deliver(em: SqlEntityManager, row: Row): Promise<boolean>;
  /** The poll's period. */
  protected abstract pollEveryMs(): number;

  onModuleInit(): void {
    if (this.jobs.active) {
      this.jobs.registerProcessor(this.digest.job, (data) =>
        this.mailQueued(Number(data.relationId), Number(data.recipientId)),
      );
    }
  }

  onApplicationBootstrap(): void {
    if (!this.background.enabled) return;
    this.timer = setInterval(() => {
      this.running ??= this.sendDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, `Sending ${this.digest.noun}s failed`))
        .finally(() => (this.running = undefined));
    }, this.pollEveryMs());
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Mails every due digest (or, with queues, hands each to one); resolves to how many. */
  async sendDue(): Promise<number> {
    const em = this.em.fork() as SqlEntityManager;
    const queued = this.jobs.active;
    const due = await this.claimDue(em, queued ? this.config.outboxRequeueAfterSeconds : DIGEST_LEASE_SECONDS);
    if (queued) return this.handOver(em, due);
    let sent = 0;
    for (const row of due) {
      try {
        if (await this.deliver(em, row)) sent += 1;
      } catch (error) {
        this.logger.warn(
          { err: error, relationId: row.relation_id },
          `A ${this.digest.noun} was not sent; it will be retried`,
        );
        await this.release(em, row);
      }
    }
    return sent;
  }

  /** Lets another poll take the row again. */
  protected async release(em: SqlEntityManager, row: DigestKey): Promise<void> {
    await em.execute(
      `update "${this.digest.table}" set "locked_until" = null where "relation_id" = ? and "recipient_id" = ?`,
      [row.relation_id, row.recipient_id],
    );
  }

  private async handOver(em: SqlEntityManager, due: Row[]): Promise<number> {
    try {
      await this.jobs.addBulk(
        'email',
        due.map((row) => ({
          name: this.digest.job,
          jobId: this.jobIdOf(row),
          data: { relationId: row.relation_id, recipientId: row.recipient_id },
        })),
      );
      return due.length;
    } catch (error) {
      this.logger.warn(
        { err: error, digests: due.length },
        `Handing ${this.digest.noun}s to the queue failed; retrying`,
      );
      for (const row of due) await this.release(em, row);
      return 0;
    }
  }

  /** The queued job: mails what the row holds now (nothing, if an earlier job already did). */
  private async mailQueued(relationId: number, recipientId: number): Promise<void> {
    const em = this.em.fork() as SqlEntityManager;
    const row = await this.load(em, relationId, recipientId);
    if (row) await this.deliver(em, row);
  }
}
