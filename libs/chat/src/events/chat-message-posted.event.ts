import { DomainEvent, DomainEventType } from '@app/platform';

export interface ChatMessageFacts {
  messageId: number;
  relationId: number;
  authorId: number;
  recipientId: number;
}

/**
 * A party of an ACCEPTED relation sent the other a message. The feed tells the recipient; an
 * email follows only if it is still unread after CHAT_EMAIL_DELAY. Kept out of the audit log:
 * messages are private to the two parties (the body is never in the payload).
 */
@DomainEventType('chat.message_posted')
export class ChatMessagePosted extends DomainEvent<ChatMessageFacts> {}
