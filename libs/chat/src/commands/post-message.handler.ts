import { LockMode } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { RelationState, relationOfParty } from '@app/mentorship';
import { ApiError, eventMeta, LiveBus, Messages, UnitOfWork } from '@app/platform';
import { advanceReadMarker } from '../domain/chat-access';
import { ChatMessage } from '../domain/chat-message.entity';
import { cleanMessageBody } from '../domain/chat.rules';
import { ChatMessagePosted } from '../events/chat-message-posted.event';
import { presentMessage } from '../http/message.presenter';
import { PostMessageCommand } from './post-message.command';

/**
 * A party of an ACCEPTED relation writes to the other. One transaction: the message, the sender's
 * own receipt moved to it, ChatMessagePosted in the outbox (the feed, the unread email). After the
 * commit, the live streams of both parties get it at once.
 */
@CommandHandler(PostMessageCommand)
export class PostMessageHandler implements ICommandHandler<PostMessageCommand> {
  private readonly logger = new Logger(PostMessageHandler.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly live: LiveBus,
  ) {}

  async execute({ relationId, body, call }: PostMessageCommand): Promise<ChatMessage> {
    const callerId = call.actorId!;
    const cleaned = cleanMessageBody(body);
    if ('error' in cleaned) throw new ApiError(400, cleaned.error);
    const { message, recipientId } = await this.uow.run(async (tx) => {
      const { em } = tx;
      await requireLiveCaller(em, callerId);
      // Shared row lock: a cancel or completion (FOR UPDATE) waits for this message, or this waits and sees it.
      const relation = await relationOfParty(em, relationId, callerId, LockMode.PESSIMISTIC_READ);
      if (relation.state !== RelationState.ACCEPTED) throw new ApiError(409, Messages.CHAT_NEEDS_ACCEPTED_RELATION);
      const now = epochSeconds();
      const message = em.create(ChatMessage, {
        relationId: relation.id,
        authorId: callerId,
        body: cleaned.text,
        createdAt: now,
      });
      await em.flush();
      // Whoever writes has read the conversation up to their own message.
      await advanceReadMarker(em, relation.id, callerId, message.id, now);
      const recipientId = relation.otherParty(callerId);
      tx.record(
        new ChatMessagePosted(
          { messageId: message.id, relationId: relation.id, authorId: callerId, recipientId },
          eventMeta(call),
        ),
      );
      return { message, recipientId };
    });
    await this.publish(message, recipientId);
    return message;
  }

  /** The fast path, fire-and-forget: a stream that misses it reads the message from the listing. */
  private async publish(message: ChatMessage, recipientId: number): Promise<void> {
    try {
      await Promise.all([
        // The recipient: the author's receipt covers the message.
        this.live.publish({
          userId: recipientId,
          type: 'chat_message',
          id: `chat-${message.id}`,
          data: presentMessage(message, recipientId, message.id),
        }),
        // The author's other streams (another tab, the phone).
        this.live.publish({
          userId: message.authorId,
          type: 'chat_message',
          id: `chat-${message.id}`,
          data: presentMessage(message, message.authorId, null),
        }),
      ]);
    } catch (error) {
      this.logger.warn({ err: error, messageId: message.id }, 'Publishing a chat message live failed');
    }
  }
}
