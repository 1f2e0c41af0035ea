import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { UnrecoverableError } from 'bullmq';
import { BackgroundWork } from '../jobs/background-work';
import { DELIVERY_QUEUE } from '../jobs/deliver-through-queue.decorator';
import { JobQueues, type QueueName } from '../jobs/job-queues';
import { deliveryLanes, forEachConcurrently } from './delivery-plan';
import { DomainEvent, type EventMeta } from './domain-event';
import { DOMAIN_EVENT_HANDLER, type DomainEventClass, type DomainEventHandler } from './on-domain-event.decorator';
import { OUTBOX_OPTIONS, type OutboxOptions, retryDelayMs } from './outbox.options';

interface ClaimedRow {
  id: string | number | bigint;
  event_id: string;
  event_type: string;
  payload: object;
  meta: EventMeta;
  occurred_at: Date | string;
  attempts: number;
  delivered_to: string[];
}

/** One claimed row on its way through a round. */
interface Delivery {
  row: ClaimedRow;
  event: DomainEvent | undefined;
  /** Handlers that have succeeded for this row, in earlier attempts or this one. */
  delivered: Set<string>;
  /** Handlers handed to a queue in this round (REDIS_URL set): a worker runs them and reports back. */
  handedOver: RegisteredHandler[];
  failures: string[];
}

interface RegisteredHandler {
  name: string;
  events: DomainEventClass[];
  instance: DomainEventHandler;
  /** Set for handlers marked @DeliverThroughQueue: with Redis, a worker runs them. */
  queue?: QueueName;
}

/** The event an outbox row holds (undefined when its type is unknown in this process). */
function rehydrate(row: ClaimedRow): DomainEvent | undefined {
  return DomainEvent.rehydrate({
    eventType: row.event_type,
    eventId: row.event_id,
    occurredAt: new Date(row.occurred_at),
    payload: row.payload,
    meta: row.meta ?? {},
  });
}

/** The BullMQ job that runs one queued handler for one outbox row. */
export const OUTBOX_DELIVERY_JOB = 'outbox-delivery';

/**
 * `delivered_to` merged with the names in `?`-free SQL `extra` (a jsonb expression), without
 * repeats. Evaluated in SET against the row as it is when the update takes its lock, so two
 * processes recording different handlers of one row never lose each other's.
 */
const mergedDelivered = (extra: string) =>
  `(select coalesce(jsonb_agg(distinct x), '[]'::jsonb) from jsonb_array_elements(o."delivered_to" || ${extra}) x)`;

/**
 * Delivers outbox rows to their @OnDomainEvent handlers after the writing transaction committed.
 *
 * Rows are claimed with a lease (`locked_until`) by one statement using FOR UPDATE SKIP LOCKED, so
 * several processes can relay side by side, and rows of a process that died are taken over once
 * its lease runs out. Handlers run outside any transaction of the relay, several events at once
 * (OUTBOX_CONCURRENCY), events of one user or relation in order. Each handler that succeeded is
 * remembered in `delivered_to`, so a retry only re-runs the ones that failed.
 *
 * With REDIS_URL set, handlers marked @DeliverThroughQueue (the emails) are not run here: the
 * round hands each to its BullMQ queue as a job (id: event id and handler, so handing it again is
 * a no-op) and leaves the row claimed for OUTBOX_REQUEUE_AFTER. The worker that runs the job
 * records the handler in `delivered_to` and marks the row processed once every handler is in. A
 * row whose jobs did not report back in time (Redis flushed or restarted) is claimed again and its
 * missing jobs handed over again: the outbox stays the source of truth.
 *
 * Only processes that do background work relay (BackgroundWork). An API replica beside workers
 * instead signals the workers through Redis after each commit, so they need not wait for a poll.
 *
 * Why not EventBus.publish: @nestjs/cqrs runs handlers fire-and-forget and cannot tell whether
 * they succeeded, and at-least-once delivery needs to know.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private handlers: RegisteredHandler[] = [];
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private drainAgain = false;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly discovery: DiscoveryService,
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxOptions,
    private readonly background: BackgroundWork,
    private readonly jobs: JobQueues,
  ) {}

  /** Whether this process relays (tests of a "crashed" instance switch it off through the options). */
  private get relaying(): boolean {
    return this.options.enabled && this.background.enabled;
  }

  onModuleInit(): void {
    if (this.jobs.active) {
      this.jobs.registerProcessor(OUTBOX_DELIVERY_JOB, (data) =>
        this.runQueuedDelivery(String(data.outboxId), String(data.handler)),
      );
    }
  }

  onApplicationBootstrap(): void {
    this.handlers = this.discoverHandlers();
    if (!this.relaying) return;
    if (this.jobs.active) this.jobs.onKick(() => this.kick());
    // Picks up whatever an earlier process committed but did not relay.
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  /** Asks for a delivery round soon; called after every commit that recorded events. */
  kick(): void {
    if (this.stopped) return;
    if (!this.relaying) {
      this.jobs.signalKick();
      return;
    }
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'Outbox relay round failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain && !this.stopped) {
          this.drainAgain = false;
          this.kick();
        }
      });
  }

  /** Claims and delivers rows until none is due. Returns how many rows were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    while (!this.stopped) {
      const rows = await this.claim();
      if (rows.length === 0) break;
      await this.deliverRound(rows);
      handled += rows.length;
      // A short round took everything that was due; rows committed since have kicked another drain.
      if (rows.length < this.options.batchSize) break;
    }
    return handled;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const rows = await this.orm.em.getConnection().execute<ClaimedRow[]>(
      `update "outbox" set "locked_until" = now() + (? * interval '1 millisecond')
        where "id" in (
          select "id" from "outbox"
           where "processed_at" is null and "dead_at" is null and "available_at" <= now()
             and ("locked_until" is null or "locked_until" < now())
           order by "id"
           limit ?
           for update skip locked)
        returning "id", "event_id", "event_type", "payload", "meta", "occurred_at", "attempts", "delivered_to"`,
      [this.options.leaseMs, this.options.batchSize],
      'all',
    );
    return rows.sort((a: ClaimedRow, b: ClaimedRow) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /**
   * One round: handlers that take batches get the round's events in one call each; then every
   * event's remaining handlers run, `concurrency` events at a time, events with the same ordering
   * key in order; then the outcomes are written (the successes in one statement).
   */
  private async deliverRound(rows: ClaimedRow[]): Promise<void> {
    const deliveries = rows.map((row): Delivery => {
      const event = rehydrate(row);
      return {
        row,
        event,
        delivered: new Set(row.delivered_to ?? []),
        handedOver: [],
        failures: event ? [] : [`no event class is registered for type "${row.event_type}"`],
      };
    });
    await this.runBatchHandlers(deliveries);
    const lanes = deliveryLanes(deliveries, (delivery) => delivery.event?.orderingKey() ?? null);
    await forEachConcurrently(lanes, this.options.concurrency, async (lane) => {
      for (const delivery of lane) await this.runEventHandlers(delivery);
    });
    await this.handOver(deliveries);
    await this.recordOutcomes(deliveries);
  }

  /** Whether this handler runs in a worker (it is marked for a queue, and there are queues). */
  private queued(handler: RegisteredHandler): boolean {
    return !!handler.queue && this.jobs.active;
  }

  /** The names of every handler of this event: the row is processed once all are in `delivered_to`. */
  private expectedHandlers(event: DomainEvent | undefined): string[] {
    return event ? this.handlers.filter((h) => h.events.some((cls) => event instanceof cls)).map((h) => h.name) : [];
  }

  /** Hands the round's queued handlers to their queues, one call per queue. */
  private async handOver(deliveries: Delivery[]): Promise<void> {
    const byQueue = new Map<QueueName, Delivery[]>();
    for (const delivery of deliveries) {
      if (delivery.failures.length > 0) continue;
      for (const handler of this.handlers) {
        if (!this.queued(handler) || !this.pending(handler, delivery)) continue;
        delivery.handedOver.push(handler);
        const list = byQueue.get(handler.queue!) ?? [];
        if (!list.includes(delivery)) list.push(delivery);
        byQueue.set(handler.queue!, list);
      }
    }
    for (const [queue, targets] of byQueue) {
      try {
        await this.jobs.addBulk(
          queue,
          targets.flatMap((delivery) =>
            delivery.handedOver
              .filter((handler) => handler.queue === queue)
              .map((handler) => ({
                name: OUTBOX_DELIVERY_JOB,
                jobId: `${delivery.row.event_id}.${handler.name}`,
                data: { outboxId: String(delivery.row.id), handler: handler.name },
              })),
          ),
        );
      } catch (error) {
        this.logger.warn({ err: error, queue, events: targets.length }, 'Handing deliveries to the queue failed');
        for (const delivery of targets) {
          delivery.failures.push(`queue ${queue}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  /**
   * Runs one queued handler for one outbox row, in a worker. The row is read from the database
   * (the job carries only its id); a handler already recorded, or a row already processed or
   * deleted, is skipped, so a job handed over twice delivers once where the first one reported back.
   */
  private async runQueuedDelivery(outboxId: string, handlerName: string): Promise<void> {
    const connection = this.orm.em.getConnection();
    const [row] = await connection.execute<Array<ClaimedRow & { processed_at: Date | null }>>(
      `select "id", "event_id", "event_type", "payload", "meta", "occurred_at", "attempts", "delivered_to", "processed_at"
         from "outbox" where "id" = ?`,
      [outboxId],
    );
    if (!row || row.processed_at || (row.delivered_to ?? []).includes(handlerName)) return;
    const event = rehydrate(row);
    const handler = this.handlers.find((candidate) => candidate.name === handlerName);
    if (!event || !handler) {
      throw new UnrecoverableError(`Cannot deliver ${row.event_type} to ${handlerName}: unknown here`);
    }
    try {
      await handler.instance.handle(event);
    } catch (error) {
      await connection
        .execute(`update "outbox" set "last_error" = ? where "id" = ?`, [
          `${handlerName}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 4000),
          outboxId,
        ])
        .catch(() => undefined);
      throw error;
    }
    const expected = JSON.stringify(this.expectedHandlers(event));
    const merged = mergedDelivered('jsonb_build_array(?::text)');
    await connection.execute(
      `update "outbox" as o set "delivered_to" = ${merged},
          "processed_at" = case when ${merged} @> ?::jsonb then coalesce(o."processed_at", now()) else null end,
          "locked_until" = case when ${merged} @> ?::jsonb then null else o."locked_until" end,
          "last_error" = null
        where o."id" = ?`,
      [handlerName, handlerName, expected, handlerName, expected, outboxId],
    );
  }

  private pending(handler: RegisteredHandler, delivery: Delivery): boolean {
    const { event } = delivery;
    return !!event && !delivery.delivered.has(handler.name) && handler.events.some((cls) => event instanceof cls);
  }

  private async runBatchHandlers(deliveries: Delivery[]): Promise<void> {
    for (const handler of this.handlers) {
      if (!handler.instance.handleBatch) continue;
      const targets = deliveries.filter((delivery) => this.pending(handler, delivery));
      if (targets.length === 0) continue;
      try {
        await handler.instance.handleBatch(targets.map((delivery) => delivery.event!));
        for (const delivery of targets) delivery.delivered.add(handler.name);
      } catch (error) {
        // Each event then goes through handle() alone, so only the bad one fails and is retried.
        this.logger.warn({ err: error, handler: handler.name, events: targets.length }, 'Batch delivery failed');
      }
    }
  }

  private async runEventHandlers(delivery: Delivery): Promise<void> {
    const { row, event } = delivery;
    const handlers = this.handlers.filter((handler) => !this.queued(handler) && this.pending(handler, delivery));
    await Promise.all(
      handlers.map(async (handler) => {
        try {
          await handler.instance.handle(event!);
          delivery.delivered.add(handler.name);
        } catch (error) {
          delivery.failures.push(`${handler.name}: ${error instanceof Error ? error.message : String(error)}`);
          this.logger.warn(
            { err: error, eventId: row.event_id, eventType: row.event_type, handler: handler.name },
            'Domain event handler failed; it will be retried',
          );
        }
      }),
    );
  }

  /**
   * The successes in one statement: a row is processed once every handler of its event is in
   * `delivered_to`; a row with handlers handed to queues stays claimed until OUTBOX_REQUEUE_AFTER
   * (its jobs report back before that, or it is handed over again).
   */
  private async recordOutcomes(deliveries: Delivery[]): Promise<void> {
    const connection = this.orm.em.getConnection();
    const succeeded = deliveries.filter((delivery) => delivery.failures.length === 0);
    if (succeeded.length > 0) {
      const merged = mergedDelivered('d."delivered_to"');
      await connection.execute(
        `update "outbox" as o set "delivered_to" = ${merged},
            "processed_at" = case when ${merged} @> d."expected" then coalesce(o."processed_at", now()) else null end,
            "locked_until" = case when ${merged} @> d."expected" then null
                                  else now() + (? * interval '1 millisecond') end,
            "last_error" = null
           from jsonb_to_recordset(?::jsonb) as d("id" bigint, "delivered_to" jsonb, "expected" jsonb)
          where o."id" = d."id"`,
        [
          this.options.requeueAfterMs,
          JSON.stringify(
            succeeded.map((delivery) => ({
              id: String(delivery.row.id),
              delivered_to: [...delivery.delivered],
              expected: this.expectedHandlers(delivery.event),
            })),
          ),
        ],
      );
    }
    for (const delivery of deliveries) {
      if (delivery.failures.length > 0) await this.recordFailure(delivery);
    }
  }

  private async recordFailure({ row, delivered, failures }: Delivery): Promise<void> {
    const attempts = row.attempts + 1;
    const dead = attempts >= this.options.maxAttempts;
    await this.orm.em.getConnection().execute(
      `update "outbox" as o set "attempts" = ?, "last_error" = ?, "delivered_to" = ${mergedDelivered('?::jsonb')},
          "locked_until" = null, "available_at" = now() + (? * interval '1 millisecond'),
          "dead_at" = ${dead ? 'now()' : 'null'}
        where o."id" = ? and o."processed_at" is null`,
      [
        attempts,
        failures.join('\n').slice(0, 4000),
        JSON.stringify([...delivered]),
        retryDelayMs(attempts, this.options),
        String(row.id),
      ],
    );
    if (dead) {
      this.logger.error(
        { eventId: row.event_id, eventType: row.event_type, attempts, failures },
        'Domain event parked after too many failed deliveries (dead_at set)',
      );
    }
  }

  private discoverHandlers(): RegisteredHandler[] {
    const found: RegisteredHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance || typeof metatype !== 'function') continue;
      const events = Reflect.getMetadata(DOMAIN_EVENT_HANDLER, metatype) as DomainEventClass[] | undefined;
      if (!events) continue;
      const queue = Reflect.getMetadata(DELIVERY_QUEUE, metatype) as QueueName | undefined;
      found.push({ name: metatype.name, events, instance: instance as DomainEventHandler, queue });
    }
    const names = new Set<string>();
    for (const handler of found) {
      if (names.has(handler.name)) {
        throw new Error(`Two domain event handlers are named ${handler.name}; delivery tracking needs unique names`);
      }
      names.add(handler.name);
    }
    return found;
  }
}
