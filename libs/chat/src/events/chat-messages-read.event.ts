import { DomainEvent, DomainEventType } from '@app/platform';

export interface ChatReadFacts {
  relationId: number;
  /** Who read. */
  readerId: number;
  /** The author of the messages read (the other party). */
  otherPartyId: number;
  /** The reader's receipt now: every message up to this id is read. */
  lastReadMessageId: number;
}

/** A party's read receipt moved forward (the other party's messages show as read). Not audited. */
@DomainEventType('chat.messages_read')
export class ChatMessagesRead extends DomainEvent<ChatReadFacts> {}
