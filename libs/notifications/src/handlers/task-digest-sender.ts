import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { User } from '@app/accounts';
import { type AppConfig, BackgroundWork, InjectConfig, JobQueues, Mailer } from '@app/platform';
import { EmailPreferences } from '../settings/email-preferences';
import { type DigestItem, renderTaskDigest } from '../templates/task-digest.template';
import { DueDigestSender } from './due-digest-sender';

interface ClaimedDigest {
  relation_id: number;
  recipient_id: number;
  items: DigestItem[];
  first_pending_at?: Date | string;
}

/** The BullMQ job (queue `email`) that mails one relation's digest for one recipient. */
export const TASK_DIGEST_JOB = 'task-digest';

/**
 * Mails the task digests that are due: the first item waited TASK_DIGEST_DELAY (the burst is
 * over) and the last digest to that recipient for that relation is TASK_DIGEST_INTERVAL old.
 * Items that arrive while one is being mailed wait for the next. Claiming, leases and the queued
 * mode are DueDigestSender's.
 */
@Injectable()
export class TaskDigestSender extends DueDigestSender<ClaimedDigest> {
  constructor(
    em: EntityManager,
    private readonly mailer: Mailer,
    @InjectConfig() config: AppConfig,
    background: BackgroundWork,
    jobs: JobQueues,
    private readonly preferences: EmailPreferences,
  ) {
    super(em, config, background, jobs, { table: 'task_digests', job: TASK_DIGEST_JOB, noun: 'task digest' });
  }

  protected pollEveryMs(): number {
    return Math.min(5_000, Math.max(250, (this.config.taskDigestDelaySeconds * 1000) / 4));
  }

  protected claimDue(em: SqlEntityManager, claimSeconds: number): Promise<ClaimedDigest[]> {
    return em.execute<ClaimedDigest[]>(
      `update "task_digests" set "locked_until" = now() + (? * interval '1 second')
        where ("relation_id", "recipient_id") in (
          select "relation_id", "recipient_id" from "task_digests"
           where "first_pending_at" <= now() - (? * interval '1 second')
             and ("last_sent_at" is null or "last_sent_at" <= now() - (? * interval '1 second'))
             and ("locked_until" is null or "locked_until" < now())
           order by "first_pending_at" limit 20
           for update skip locked)
        returning "relation_id", "recipient_id", "items", "first_pending_at"`,
      [claimSeconds, this.config.taskDigestDelaySeconds, this.config.taskDigestIntervalSeconds],
    );
  }

  /** One job per digest occurrence. */
  protected jobIdOf(digest: ClaimedDigest): string {
    return `digest.${digest.relation_id}.${digest.recipient_id}.${new Date(digest.first_pending_at!).getTime()}`;
  }

  protected async load(em: SqlEntityManager, relationId: number, recipientId: number) {
    const [digest] = await em.execute<ClaimedDigest[]>(
      `select "relation_id", "recipient_id", "items" from "task_digests" where "relation_id" = ? and "recipient_id" = ?`,
      [relationId, recipientId],
    );
    return digest;
  }

  protected async deliver(em: SqlEntityManager, digest: ClaimedDigest): Promise<boolean> {
    // A queued job whose digest an earlier job already mailed finds it empty.
    if (digest.items.length === 0) {
      await this.release(em, digest);
      return false;
    }
    const sent = await this.mail(em, digest);
    await this.markSent(em, digest);
    return sent;
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
