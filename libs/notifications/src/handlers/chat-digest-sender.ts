import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById, User } from '@app/accounts';
import { unreadChatMessages } from '@app/chat';
import { type AppConfig, BackgroundWork, InjectConfig, JobQueues } from '@app/platform';
import { CHAT_DIGEST_SHOWN, renderChatDigest } from '../templates/chat-digest.template';
import { displayName, RelationParties } from './relation-parties';

interface ClaimedChatDigest {
  relation_id: number;
  recipient_id: number;
  last_mailed_message_id: number;
}

/** How long a claimed digest is reserved for this process before another may take it over. */
const LEASE_SECONDS = 60;

/** The BullMQ job (queue `email`) that mails one relation's unread messages to one recipient. */
export const CHAT_DIGEST_JOB = 'chat-digest';

/**
 * Mails the chat messages left unread: CHAT_EMAIL_DELAY after the first message that started the
 * wait (and at most once per delay per relation and recipient), what the recipient has still not
 * read then — their count and the newest few. Nothing if they read it all meanwhile, or if
 * nothing arrived since the last email. Runs in every process that does background work; rows are
 * claimed with FOR UPDATE SKIP LOCKED and a lease, so each is mailed by one process.
 *
 * With REDIS_URL set the poll only claims: each due digest becomes a job in the `email` queue
 * (SMTP rate limit, retries), claimed for OUTBOX_REQUEUE_AFTER; the job reads the unread messages
 * then and mails them. A job lost in Redis leaves the row due, so it is handed over again.
 */
@Injectable()
export class ChatDigestSender implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChatDigestSender.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly em: EntityManager,
    private readonly parties: RelationParties,
    @InjectConfig() private readonly config: AppConfig,
    private readonly background: BackgroundWork,
    private readonly jobs: JobQueues,
  ) {}

  onModuleInit(): void {
    if (this.jobs.active) {
      this.jobs.registerProcessor(CHAT_DIGEST_JOB, (data) =>
        this.mailQueued(Number(data.relationId), Number(data.recipientId)),
      );
    }
  }

  onApplicationBootstrap(): void {
    if (!this.background.enabled) return;
    const everyMs = Math.min(5_000, Math.max(250, (this.config.chatEmailDelaySeconds * 1000) / 4));
    this.timer = setInterval(() => {
      this.running ??= this.sendDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'Sending chat digests failed'))
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
    const delay = this.config.chatEmailDelaySeconds;
    const due = await em.execute<Array<ClaimedChatDigest & { pending_since: Date | string }>>(
      `update "chat_email_digests" set "locked_until" = now() + (? * interval '1 second')
        where ("relation_id", "recipient_id") in (
          select "relation_id", "recipient_id" from "chat_email_digests"
           where "pending_since" <= now() - (? * interval '1 second')
             and ("last_sent_at" is null or "last_sent_at" <= now() - (? * interval '1 second'))
             and ("locked_until" is null or "locked_until" < now())
           order by "pending_since" limit 20
           for update skip locked)
        returning "relation_id", "recipient_id", "last_mailed_message_id", "pending_since"`,
      [queued ? this.config.outboxRequeueAfterSeconds : LEASE_SECONDS, delay, delay],
    );
    if (queued) return this.handOver(em, due);
    let sent = 0;
    for (const digest of due) {
      try {
        if (await this.mailAndMark(em, digest)) sent += 1;
      } catch (error) {
        this.logger.warn({ err: error, relationId: digest.relation_id }, 'Chat digest not sent; it will be retried');
        await this.release(em, digest.relation_id, digest.recipient_id);
      }
    }
    return sent;
  }

  private async handOver(
    em: SqlEntityManager,
    due: Array<ClaimedChatDigest & { pending_since: Date | string }>,
  ): Promise<number> {
    try {
      await this.jobs.addBulk(
        'email',
        due.map((digest) => ({
          name: CHAT_DIGEST_JOB,
          // One job per wait: handing the same one again is a no-op while it exists.
          jobId: `chat-digest.${digest.relation_id}.${digest.recipient_id}.${new Date(digest.pending_since).getTime()}`,
          data: { relationId: digest.relation_id, recipientId: digest.recipient_id },
        })),
      );
      return due.length;
    } catch (error) {
      this.logger.warn({ err: error, digests: due.length }, 'Handing chat digests to the queue failed; retrying');
      for (const digest of due) await this.release(em, digest.relation_id, digest.recipient_id);
      return 0;
    }
  }

  /** The queued job: mails what is unread now (nothing, if an earlier job or a read got there first). */
  private async mailQueued(relationId: number, recipientId: number): Promise<void> {
    const em = this.em.fork() as SqlEntityManager;
    const [digest] = await em.execute<ClaimedChatDigest[]>(
      `select "relation_id", "recipient_id", "last_mailed_message_id" from "chat_email_digests"
        where "relation_id" = ? and "recipient_id" = ?`,
      [relationId, recipientId],
    );
    if (digest) await this.mailAndMark(em, digest);
  }

  /** Mails the unread messages that arrived since the last email, if any; then closes this wait. */
  private async mailAndMark(em: SqlEntityManager, digest: ClaimedChatDigest): Promise<boolean> {
    const relationId = Number(digest.relation_id);
    const recipientId = Number(digest.recipient_id);
    const unread = await unreadChatMessages(em, relationId, recipientId, CHAT_DIGEST_SHOWN);
    const newestId = unread.newest[0]?.id ?? 0;
    let mailed = false;
    if (newestId > Number(digest.last_mailed_message_id)) {
      const recipient = await findLiveUserById(em, recipientId);
      // A deleted account gets nothing; the wait just ends.
      if (recipient) {
        const author = await em.findOne(User, { id: unread.newest[0].authorId });
        const email = renderChatDigest({
          recipient: displayName(recipient) ?? '',
          sender: (author && !author.deletedAt ? displayName(author) : null) ?? 'A deleted member',
          count: unread.count,
          newest: unread.newest.map((message) => message.body),
        });
        await this.parties.send(recipient, email, 'chat_messages');
        mailed = true;
      }
    }
    await this.markDone(em, relationId, recipientId, Math.max(newestId, Number(digest.last_mailed_message_id)), mailed);
    return mailed;
  }

  /**
   * Ends the wait: what was mailed stays mailed, and an unread message that arrived after the
   * newest one mailed starts the next wait at once (mailed one delay after the last email at the earliest).
   */
  private async markDone(
    em: SqlEntityManager,
    relationId: number,
    recipientId: number,
    mailedUpTo: number,
    mailed: boolean,
  ): Promise<void> {
    await em.execute(
      `update "chat_email_digests" set
         "last_mailed_message_id" = greatest("last_mailed_message_id", ?),
         "last_sent_at" = case when ? then now() else "last_sent_at" end,
         "locked_until" = null,
         "pending_since" = case when exists (
             select 1 from "chat_messages" m
              where m."relation_id" = ? and m."author_id" <> ?
                and m."id" > greatest(?, coalesce((select r."last_read_message_id" from "chat_reads" r
                                                    where r."relation_id" = ? and r."user_id" = ?), 0)))
           then now() else null end
       where "relation_id" = ? and "recipient_id" = ?`,
      [mailedUpTo, mailed, relationId, recipientId, mailedUpTo, relationId, recipientId, relationId, recipientId],
    );
  }

  private async release(em: SqlEntityManager, relationId: number, recipientId: number): Promise<void> {
    await em.execute(
      `update "chat_email_digests" set "locked_until" = null where "relation_id" = ? and "recipient_id" = ?`,
      [relationId, recipientId],
    );
  }
}
