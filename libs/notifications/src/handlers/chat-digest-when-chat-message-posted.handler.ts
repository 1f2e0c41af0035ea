import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ChatMessagePosted } from '@app/chat';
import { type DomainEventHandler, OnDomainEvent } from '@app/platform';

/**
 * A chat message is not mailed at once: it starts (or joins) the recipient's wait for the
 * relation, and ChatDigestSender mails after CHAT_EMAIL_DELAY only what is still unread then.
 * Idempotent (a second delivery keeps the first pending time); nothing for a relation deleted since.
 */
@OnDomainEvent(ChatMessagePosted)
export class ScheduleChatDigestWhenChatMessagePosted implements DomainEventHandler<ChatMessagePosted> {
  constructor(private readonly em: EntityManager) {}

  async handle({ payload }: ChatMessagePosted): Promise<void> {
    await (this.em.fork() as SqlEntityManager).execute(
      `insert into "chat_email_digests" ("relation_id", "recipient_id", "pending_since")
       select ?, ?, now() where exists (select 1 from "mentorship_relations" where "id" = ?)
       on conflict ("relation_id", "recipient_id") do update set
         "pending_since" = coalesce("chat_email_digests"."pending_since", now())
       where "chat_email_digests"."last_mailed_message_id" < ?`,
      [payload.relationId, payload.recipientId, payload.relationId, payload.messageId],
    );
  }
}
