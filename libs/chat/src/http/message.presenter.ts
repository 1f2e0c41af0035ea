import { isReadBy } from '../domain/chat.rules';

/** What the presenter shows of a message (an entity or a row). */
export interface ChatMessageRecord {
  id: number;
  relationId: number;
  authorId: number;
  body: string;
  createdAt: number;
}

/**
 * A message as `viewerId` sees it. `read_by_other`: the other party's receipt covers it (their own
 * messages always do: sending moves the sender's receipt to their message).
 */
export function presentMessage(message: ChatMessageRecord, viewerId: number, otherLastReadId: number | null) {
  return {
    id: message.id,
    relation_id: message.relationId,
    author_id: message.authorId,
    sent_by_me: message.authorId === viewerId,
    body: message.body,
    created_at: message.createdAt,
    read_by_other: isReadBy(message.id, otherLastReadId),
  };
}

export type ChatMessageView = ReturnType<typeof presentMessage>;

export interface ChatPage {
  messages: ChatMessageView[];
  next_before: number | null;
  other_party_last_read_id: number | null;
}
