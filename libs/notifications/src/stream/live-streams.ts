import type { ServerResponse } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { type AuthenticatedUser, LiveBus, type LiveMessage, Metrics } from '@app/platform';
import { NotificationFeed } from '../feed/notification-feed';
import { LiveSessionCheck } from './live-session-check';
import { sseComment, sseEvent, sseRetry } from './sse';

/** A comment every this often keeps proxies from closing an idle stream; the session is re-checked then too. */
export const LIVE_HEARTBEAT_MS = 20_000;
/** Notifications replayed on reconnect at most (older ones: GET /notifications). */
export const LIVE_REPLAY_LIMIT = 500;
/** A client this far behind (bytes not yet taken by the socket) is cut off; it reconnects and replays. */
export const LIVE_MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a `session_revoked` message carries: the session that ended, or none for "re-check yours". */
export interface SessionRevokedData {
  session_id?: string | null;
}

/** One open stream: its caller, the raw response it writes to, and how it ends. */
class LiveStream {
  private readonly heartbeat: NodeJS.Timeout;
  private unsubscribe: () => void = () => undefined;
  /** Live messages that arrived during the replay, sent after it (without the replayed ones). */
  private pending: LiveMessage[] | null = [];
  private ended = false;

  constructor(
    readonly user: AuthenticatedUser,
    private readonly response: ServerResponse,
    private readonly streams: LiveStreams,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), LIVE_HEARTBEAT_MS);
    this.heartbeat.unref();
    response.on('close', () => this.end());
  }

  async start(after: number | null): Promise<void> {
    if (this.ended) return;
    this.unsubscribe = this.streams.bus.subscribe(this.user.id, (message) => this.receive(message));
    // Subscribed (across replicas too) before the feed is read: nothing falls in between.
    await this.streams.bus.whenSubscribed(this.user.id);
    // The first bytes of the body: from here on, whatever is published for the user reaches this stream.
    this.write(sseRetry());
    const replayed = new Set<string>();
    if (after !== null && !this.ended) {
      try {
        for (const view of await this.streams.feed.since(this.user.id, after, LIVE_REPLAY_LIMIT)) {
          replayed.add(String(view.id));
          this.write(sseEvent({ id: String(view.id), type: 'notification', data: view }));
        }
      } catch (error) {
        this.streams.logger.warn({ err: error, userId: this.user.id }, 'Live stream replay failed; the stream goes on');
      }
    }
    const pending = this.pending ?? [];
    this.pending = null;
    for (const message of pending) {
      if (message.type === 'notification' && message.id !== undefined && replayed.has(message.id)) continue;
      this.receive(message);
    }
  }

  /** Ends the stream (idempotent); `last` is sent as a final event first. */
  end(last?: { type: string; data: unknown }): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.streams.forget(this);
    if (!this.response.writableEnded && !this.response.destroyed) {
      if (last) this.response.write(sseEvent(last));
      this.response.end();
    }
  }

  private receive(message: LiveMessage): void {
    if (this.ended) return;
    if (this.pending) {
      this.pending.push(message);
      return;
    }
    if (message.type === 'session_revoked') {
      void this.onSessionRevoked((message.data ?? {}) as SessionRevokedData);
      return;
    }
    this.write(
      sseEvent({
        id: message.type === 'notification' ? message.id : undefined,
        type: message.type,
        data: message.data,
      }),
    );
  }

  private async onSessionRevoked(data: SessionRevokedData): Promise<void> {
    if (data.session_id) {
      if (data.session_id === this.user.sessionId) this.end({ type: 'session_revoked', data: {} });
      return;
    }
    await this.recheck();
  }

  private async beat(): Promise<void> {
    this.write(sseComment('ping'));
    await this.recheck();
  }

  /** Closes the stream when its session was revoked or its account deleted (a failed check keeps it open). */
  private async recheck(): Promise<void> {
    if (this.ended) return;
    try {
      const state = await this.streams.sessions.state(this.user);
      if (state !== 'open') this.end({ type: 'session_revoked', data: {} });
    } catch {
      // The database is away for a moment: the next heartbeat asks again.
    }
  }

  private write(chunk: string): void {
    if (this.ended || this.response.writableEnded || this.response.destroyed) return;
    if (this.response.writableLength > LIVE_MAX_BUFFERED_BYTES) {
      this.end();
      return;
    }
    this.response.write(chunk);
  }
}

/**
 * The streams open in this process (GET /events): each subscribed to its user's messages on the
 * LiveBus, resumed from the feed on reconnect, closed when its session is revoked (a
 * `session_revoked` message, or the session check of a heartbeat), and all ended cleanly on
 * shutdown so that `app.close()` does not wait for them.
 */
@Injectable()
export class LiveStreams implements OnModuleDestroy {
  readonly logger = new Logger('LiveStreams');
  private readonly open = new Set<LiveStream>();

  constructor(
    readonly bus: LiveBus,
    readonly feed: NotificationFeed,
    readonly sessions: LiveSessionCheck,
    metrics: Metrics,
  ) {
    const streams = this.open;
    new Gauge({
      name: 'mentorship_live_streams_open',
      help: 'Live streams (GET /events) open in this process.',
      registers: [metrics.registry],
      collect() {
        this.set(streams.size);
      },
    });
  }

  get count(): number {
    return this.open.size;
  }

  /** Starts a stream whose head is written: subscribe, `retry:`, replay after `after`, then live. */
  async start(user: AuthenticatedUser, response: ServerResponse, after: number | null): Promise<void> {
    const stream = new LiveStream(user, response, this);
    this.open.add(stream);
    await stream.start(after);
  }

  forget(stream: LiveStream): void {
    this.open.delete(stream);
  }

  onModuleDestroy(): void {
    for (const stream of [...this.open]) stream.end();
  }
}
