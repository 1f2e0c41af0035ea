/**
 * What a live stream (GET /events) delivers to one user: a new notification, a chat message, or
 * the news that one of their sessions was revoked (its streams close).
 */
export interface LiveMessage {
  /** The recipient. */
  userId: number;
  /** The SSE event name. */
  type: 'notification' | 'chat_message' | 'session_revoked';
  /** The SSE id (notifications: their id, so Last-Event-ID resumes from the feed). */
  id?: string;
  data: unknown;
}

export type LiveListener = (message: LiveMessage) => void;

/**
 * Fan-out of live messages to the streams open for a user, in this process and, with REDIS_URL,
 * in every replica (Redis pub/sub); in-process otherwise. Publishing is fire-and-forget: a message
 * nobody listens to is dropped, and a client that reconnects reads what it missed from the feed.
 */
export abstract class LiveBus {
  /** Publishes after the change is committed (never inside a transaction that may roll back). */
  abstract publish(message: LiveMessage): Promise<void>;
  /** Listens for one user's messages; returns the unsubscribe function. */
  abstract subscribe(userId: number, listener: LiveListener): () => void;
  /**
   * Resolves once messages published anywhere for `userId` reach this process's listeners (with
   * Redis: once the SUBSCRIBE of their channel is confirmed, or given up after a short wait).
   * A stream awaits it before it replays the feed, so nothing falls between replay and live.
   */
  whenSubscribed(_userId: number): Promise<void> {
    return Promise.resolve();
  }
}
