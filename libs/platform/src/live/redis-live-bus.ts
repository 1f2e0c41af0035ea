import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { InProcessLiveBus } from './in-process-live-bus';
import { LiveBus, type LiveListener, type LiveMessage } from './live-bus';

/** A publish that Redis has not acknowledged by then is given up (logged, dropped). */
export const LIVE_PUBLISH_TIMEOUT_MS = 1_000;
/** How long a new stream waits for Redis to confirm its user's subscription before it goes on anyway. */
export const LIVE_SUBSCRIBE_TIMEOUT_MS = 1_000;
/** Redis trouble is logged at most this often (a Redis outage must not flood the log). */
const WARN_EVERY_MS = 10_000;

/** What travels on a channel: the message and the process that sent it. */
interface Envelope {
  /** The publishing process: it already delivered to its own streams. */
  o: string;
  m: LiveMessage;
}

/** The Redis channel of one user's live messages. */
export const liveChannel = (prefix: string, userId: number) => `${prefix}:live:${userId}`;

/**
 * The LiveBus across replicas, through Redis pub/sub.
 *
 * One channel per user (`<QUEUE_PREFIX>:live:<userId>`), which a process subscribes to while it
 * holds at least one stream of that user, on one dedicated subscriber connection. So Redis sends
 * a message only to the processes that have a stream for its recipient: the traffic per message
 * stays the same however many replicas there are (one channel shared by all processes would send
 * every message to every replica, most of which would drop it). The price is a SUBSCRIBE when a
 * user's first stream opens and an UNSUBSCRIBE when the last one closes, cheap next to the HTTP
 * request that opens it; Redis keeps thousands of channels on one connection without effort.
 *
 * Publishing delivers to this process's streams at once (in-process, even while Redis is away),
 * then PUBLISHes with this process's id, which its own subscriber skips: no double delivery.
 * Redis errors never throw out of here: a publish is fire-and-forget with a short timeout, logged
 * and dropped (a reconnecting client reads what it missed from the feed); the subscriber
 * reconnects and re-subscribes by itself (ioredis).
 */
export class RedisLiveBus extends LiveBus implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LiveBus');
  private readonly origin = randomUUID();
  private readonly subscriber: Redis;
  /** Users with a stream here → the SUBSCRIBE of their channel (resolves once Redis confirmed it, or gave up). */
  private readonly subscriptions = new Map<number, Promise<void>>();
  private ready?: Promise<void>;
  private lastWarning = 0;
  private closed = false;

  constructor(
    private readonly publisher: Redis,
    private readonly local: InProcessLiveBus,
    private readonly prefix: string,
  ) {
    super();
    // Same server and options as the shared client, but a connection of its own: a connection in
    // subscriber mode can run nothing else. Commands wait while it reconnects (then re-subscribe).
    this.subscriber = publisher.duplicate({ lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', (error: Error) => this.warn(error, 'Redis subscriber of the live bus failed'));
    this.subscriber.on('messageBuffer', (_channel: Buffer, payload: Buffer) => this.receive(payload));
  }

  publish(message: LiveMessage): Promise<void> {
    this.local.deliver(message);
    if (this.closed) return Promise.resolve();
    const payload = JSON.stringify({ o: this.origin, m: message } satisfies Envelope);
    return withTimeout(this.send(liveChannel(this.prefix, message.userId), payload), LIVE_PUBLISH_TIMEOUT_MS).catch(
      (error: unknown) => this.warn(error, 'A live message was dropped: Redis did not take it'),
    );
  }

  subscribe(userId: number, listener: LiveListener): () => void {
    const unsubscribe = this.local.subscribe(userId, listener);
    if (!this.subscriptions.has(userId) && !this.closed) {
      // Queued while the connection is down (the first command connects it); ioredis re-subscribes
      // every channel after a reconnect.
      const confirmed = this.subscriber.subscribe(liveChannel(this.prefix, userId)).then(() => undefined);
      this.subscriptions.set(
        userId,
        withTimeout(confirmed, LIVE_SUBSCRIBE_TIMEOUT_MS).catch((error: unknown) =>
          this.warn(error, 'Redis did not confirm a live subscription in time'),
        ),
      );
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribe();
      if (this.local.listenersOf(userId) > 0 || !this.subscriptions.has(userId)) return;
      this.subscriptions.delete(userId);
      if (!this.closed) {
        this.subscriber.unsubscribe(liveChannel(this.prefix, userId)).catch(() => undefined);
      }
    };
  }

  override whenSubscribed(userId: number): Promise<void> {
    return this.subscriptions.get(userId) ?? Promise.resolve();
  }

  /** Connects the subscriber up front, so the first stream does not wait for it. */
  onApplicationBootstrap(): void {
    if (this.subscriber.status === 'wait') this.subscriber.connect().catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.subscriptions.clear();
    this.subscriber.disconnect();
  }

  private async send(channel: string, payload: string): Promise<void> {
    const status = this.publisher.status;
    if (status === 'wait') await this.publisher.connect().catch(() => undefined);
    // The shared client queues nothing while it (re)connects: wait for it (the publish timeout bounds this).
    else if (status === 'connecting' || status === 'connect' || status === 'reconnecting') await this.publisherReady();
    await this.publisher.publish(channel, payload);
  }

  /** One pending wait for the shared client's `ready`, however many publishes are waiting. */
  private publisherReady(): Promise<void> {
    this.ready ??= new Promise<void>((resolve) => this.publisher.once('ready', () => resolve())).finally(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private receive(payload: Buffer): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload.toString('utf8')) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === this.origin || !envelope.m || !Number.isSafeInteger(envelope.m.userId)) return;
    this.local.deliver(envelope.m);
  }

  private warn(error: unknown, text: string): void {
    const now = Date.now();
    if (this.closed || now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.logger.warn({ err: error }, text);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
