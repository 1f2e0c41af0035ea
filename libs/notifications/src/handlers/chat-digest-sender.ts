import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById, User } from '@app/accounts';
import { unreadChatMessages } from '@app/chat';
import { type AppConfig, BackgroundWork, InjectConfig, JobQueues } from '@app/platform';
import { CHAT_DIGEST_SHOWN, renderChatDigest } from '../templates/chat-digest.template';
import { DueDigestSender } from './due-digest-sender';
import { displayName, RelationParties } from './relation-parties';

interface ClaimedChatDigest {
  relation_id: number;
  recipient_id: number;
  last_mailed_message_id: number;
  pending_since?: Date | string;
}

/** The BullMQ job (queue `email`) that mails one relation's unread messages to one recipient. */
export const CHAT_DIGEST_JOB = 'chat-digest';

/**
 * Mails the chat messages left unread: CHAT_EMAIL_DELAY after the first message that started the
 * wait (and at most once per delay per relation and recipient), what the recipient has still not
 * read then — their count and the newest few. Nothing if they read it all meanwhile, or if
 * nothing arrived since the last email. Claiming, leases and the queued mode are DueDigestSender's.
 */
@Injectable()
export class ChatDigestSender extends DueDigestSender<ClaimedChatDigest> {
  constructor(
    em: EntityManager,
    private readonly parties: RelationParties,
    @InjectConfig() config: AppConfig,
    background: BackgroundWork,
    jobs: JobQueues,
  ) {
    super(em, config, background, jobs, { table: 'chat_email_digests', job: CHAT_DIGEST_JOB, noun: 'chat digest' });
  }

  protected pollEveryMs(): number {
    return Math.min(5_000, Math.max(250, (this.config.chatEmailDelaySeconds * 1000) / 4));
  }

  protected claimDue(em: SqlEntityManager, claimSeconds: number): Promise<ClaimedChatDigest[]> {
    const delay = this.config.chatEmailDelaySeconds;
    return em.execute<ClaimedChatDigest[]>(
      `update "chat_email_digests" set "locked_until" = now() + (? * interval '1 second')
        where ("relation_id", "recipient_id") in (
          select "relation_id", "recipient_id" from "chat_email_digests"
           where "pending_since" <= now() - (? * interval '1 second')
             and ("last_sent_at" is null or "last_sent_at" <= now() - (? * interval '1 second'))
             and ("locked_until" is null or "locked_until" < now())
           order by "pending_since" limit 20
           for update skip locked)
        returning "relation_id", "recipient_id", "last_mailed_message_id", "pending_since"`,
      [claimSeconds, delay, delay],
    );
  }

  /** One job per wait. */
  protected jobIdOf(digest: ClaimedChatDigest): string {
    return `chat-digest.${digest.relation_id}.${digest.recipient_id}.${new Date(digest.pending_since!).getTime()}`;
  }

  protected async load(em: SqlEntityManager, relationId: number, recipientId: number) {
    const [digest] = await em.execute<ClaimedChatDigest[]>(
      `select "relation_id", "recipient_id", "last_mailed_message_id" from "chat_email_digests"
        where "relation_id" = ? and "recipient_id" = ?`,
      [relationId, recipientId],
    );
    return digest;
  }

  /** Mails the unread messages that arrived since the last email, if any; then closes this wait. */
  protected async deliver(em: SqlEntityManager, digest: ClaimedChatDigest): Promise<boolean> {
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
}
