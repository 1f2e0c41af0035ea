import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { User } from '@app/accounts';
import { type AppConfig, BackgroundWork, InjectConfig, JobQueues, Mailer } from '@app/platform';
import { EmailPreferences } from '../settings/email-preferences';
import { type DigestItem, renderTaskDigest } from '../templates/task-digest.template';

interface ClaimedDigest {
  relation_id: number;
  recipient_id: number;
  items: DigestItem[];
}

/** How long a claimed digest is reserved for this process before another may take it over. */
const LEASE_SECONDS = 60;

/** The BullMQ job (queue `email`) that mails one relation's digest for one recipient. */
export const TASK_DIGEST_JOB = 'task-digest';

/**
 * Mails the task digests that are due: the first item waited TASK_DIGEST_DELAY (the burst is
 * over) and the last digest to that recipient for that relation is TASK_DIGEST_INTERVAL old.
 * Runs in every process that does background work; digests are claimed with FOR UPDATE SKIP LOCKED and a lease, so each is
 * mailed by one process. Items that arrive while one is being mailed wait for the next.
 *
 * With REDIS_URL set the poll only claims: each due digest becomes a job in the `email` queue
 * (under the SMTP rate limit, with retries), claimed for OUTBOX_REQUEUE_AFTER; the job reads the
 * digest from the database and mails it. A job lost in Redis leaves the digest due, so it is
 * claimed and handed over again once the claim runs out.
 */
@Injectable()
export class TaskDigestSender implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TaskDigestSender.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
    private readonly background: BackgroundWork,
    private readonly jobs: JobQueues,
    private readonly preferences: EmailPreferences,
  ) {}

  onModuleInit(): void {
    if (this.jobs.active) {
      this.jobs.registerProcessor(TASK_DIGEST_JOB, (data) =>
        this.mailQueued(Number(data.relationId), Number(data.recipientId)),
      );
    }
  }

  onApplicationBootstrap(): void {
    if (!this.background.enabled) return;
    const everyMs = Math.min(5_000, Math.max(250, (this.config.taskDigestDelaySeconds * 1000) / 4));
    this.timer = setInterval(() => {
      this.running ??= this.sendDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Sending task digests failed'))
        .finally(() => (this.running = undefined));
    }, everyMs);
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
    const due = await em.execute<Array<ClaimedDigest & { first_pending_at: Date | string }>>(
      `update "task_digests" set "locked_until" = now() + (? * interval '1 second')
        where ("relation_id", "recipient_id") in (
          select "relation_id", "recipient_id" from "task_digests"
           where "first_pending_at" <= now() - (? * interval '1 second')
             and ("last_sent_at" is null or "last_sent_at" <= now() - (? * interval '1 second'))
             and ("locked_until" is null or "locked_until" < now())
           order by "first_pending_at" limit 20
           for update skip locked)
        returning "relation_id", "recipient_id", "items", "first_pending_at"`,
      [
        queued ? this.config.outboxRequeueAfterSeconds : LEASE_SECONDS,
        this.config.taskDigestDelaySeconds,
        this.config.taskDigestIntervalSeconds,
      ],
    );
    if (queued) return this.handOver(em, due);
    let sent = 0;
    for (const digest of due) {
      try {
        if (await this.mail(em, digest)) sent += 1;
        await this.markSent(em, digest);
      } catch (error) {
        this.logger.warn({ err: error, relationId: digest.relation_id }, 'Task digest not sent; it will be retried');
        await em.execute(
          `update "task_digests" set "locked_until" = null where "relation_id" = ? and "recipient_id" = ?`,
          [digest.relation_id, digest.recipient_id],
        );
      }
    }
    return sent;
  }

  private async handOver(
    em: SqlEntityManager,
    due: Array<ClaimedDigest & { first_pending_at: Date | string }>,
  ): Promise<number> {
    try {
      await this.jobs.addBulk(
        'email',
        due.map((digest) => ({
          name: TASK_DIGEST_JOB,
          // One job per digest occurrence: handing the same one again is a no-op while it exists.
          jobId: `digest.${digest.relation_id}.${digest.recipient_id}.${new Date(digest.first_pending_at).getTime()}`,
          data: { relationId: digest.relation_id, recipientId: digest.recipient_id },
        })),
      );
      return due.length;
    } catch (error) {
      this.logger.warn({ err: error, digests: due.length }, 'Handing task digests to the queue failed; retrying');
      for (const digest of due) {
        await em.execute(
          `update "task_digests" set "locked_until" = null where "relation_id" = ? and "recipient_id" = ?`,
          [digest.relation_id, digest.recipient_id],
        );
      }
      return 0;
    }
  }

  /** The queued job: mails what the digest holds now (nothing, if an earlier job already did). */
  private async mailQueued(relationId: number, recipientId: number): Promise<void> {
    const em = this.em.fork() as SqlEntityManager;
    const [digest] = await em.execute<ClaimedDigest[]>(
      `select "relation_id", "recipient_id", "items" from "task_digests" where "relation_id" = ? and "recipient_id" = ?`,
      [relationId, recipientId],
    );
    if (!digest) return;
    if (digest.items.length === 0) {
      await em.execute(
        `update "task_digests" set "locked_until" = null where "relation_id" = ? and "recipient_id" = ?`,
        [relationId, recipientId],
      );
      return;
    }
    await this.mail(em, digest);
    await this.markSent(em, digest);
  }

  private async mail(em: SqlEntityManager, digest: ClaimedDigest): Promise<boolean> {
    const ids = [...new Set([digest.recipient_id, ...digest.items.map((item) => item.actorId)])];
    const users = new Map((await em.find(User, { id: { $in: ids } })).map((user) => [user.id, user]));
    const recipient = users.get(digest.recipient_id);
    // A deleted account gets nothing; its items are dropped with the rest.
    if (!recipient?.email || recipient.deletedAt) return false;
    const email = renderTaskDigest({
      recipient: recipient.name ?? recipient.username ?? '',
      items: digest.items,
      actorName: (actorId) => users.get(actorId)?.name ?? 'A deleted member',
    });
    // task_activity 'off': no digest; its items are dropped like a mailed digest's.
    const mail = await this.preferences.prepare(recipient.id, 'task_activity', email);
    if (!mail) return false;
    await this.mailer.send({ to: recipient.email, ...mail });
    return true;
  }

  /** Drops the mailed items (not ones added meanwhile) and starts the interval. */
  private async markSent(em: SqlEntityManager, digest: ClaimedDigest): Promise<void> {
    await em.execute(
      `update "task_digests" set
         "items" = (select coalesce(jsonb_agg(item), '[]'::jsonb) from jsonb_array_elements("items") item
                     where not (item->>'eventId') in (select jsonb_array_elements_text(?::jsonb))),
         "last_sent_at" = now(), "locked_until" = null
       where "relation_id" = ? and "recipient_id" = ?`,
      [JSON.stringify(digest.items.map((item) => item.eventId)), digest.relation_id, digest.recipient_id],
    );
    await em.execute(
      `update "task_digests" set "first_pending_at" = case when jsonb_array_length("items") > 0 then now() else null end
       where "relation_id" = ? and "recipient_id" = ?`,
      [digest.relation_id, digest.recipient_id],
    );
  }
}
