import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
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
  failures: string[];
}

interface RegisteredHandler {
  name: string;
  events: DomainEventClass[];
  instance: DomainEventHandler;
}

/**
 * Delivers outbox rows to their @OnDomainEvent handlers after the writing transaction committed.
 *
 * Rows are claimed with a lease (`locked_until`) by one statement using FOR UPDATE SKIP LOCKED, so
 * several processes can relay side by side, and rows of a process that died are taken over once
 * its lease runs out. Handlers run outside any transaction of the relay, several events at once
 * (OUTBOX_CONCURRENCY), events of one user or relation in order. Each handler that succeeded is
 * remembered in `delivered_to`, so a retry only re-runs the ones that failed.
 *
 * Why not EventBus.publish: @nestjs/cqrs runs handlers fire-and-forget and cannot tell whether
 * they succeeded, and at-least-once delivery needs to know.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
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
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = this.discoverHandlers();
    if (!this.options.enabled) return;
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
    if (!this.options.enabled || this.stopped) return;
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
      const event = DomainEvent.rehydrate({
        eventType: row.event_type,
        eventId: row.event_id,
        occurredAt: new Date(row.occurred_at),
        payload: row.payload,
        meta: row.meta ?? {},
      });
      return {
        row,
        event,
        delivered: new Set(row.delivered_to ?? []),
        failures: event ? [] : [`no event class is registered for type "${row.event_type}"`],
      };
    });
    await this.runBatchHandlers(deliveries);
    const lanes = deliveryLanes(deliveries, (delivery) => delivery.event?.orderingKey() ?? null);
    await forEachConcurrently(lanes, this.options.concurrency, async (lane) => {
      for (const delivery of lane) await this.runEventHandlers(delivery);
    });
    await this.recordOutcomes(deliveries);
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
    const handlers = this.handlers.filter((handler) => this.pending(handler, delivery));
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

  private async recordOutcomes(deliveries: Delivery[]): Promise<void> {
    const connection = this.orm.em.getConnection();
    const succeeded = deliveries.filter((delivery) => delivery.failures.length === 0);
    if (succeeded.length > 0) {
      await connection.execute(
        `update "outbox" as o
            set "processed_at" = now(), "locked_until" = null, "last_error" = null, "delivered_to" = d."delivered_to"
           from jsonb_to_recordset(?::jsonb) as d("id" bigint, "delivered_to" jsonb)
          where o."id" = d."id"`,
        [
          JSON.stringify(
            succeeded.map((delivery) => ({ id: String(delivery.row.id), delivered_to: [...delivery.delivered] })),
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
      `update "outbox" set "attempts" = ?, "last_error" = ?, "delivered_to" = ?::jsonb, "locked_until" = null,
          "available_at" = now() + (? * interval '1 millisecond'), "dead_at" = ${dead ? 'now()' : 'null'}
        where "id" = ?`,
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
      found.push({ name: metatype.name, events, instance: instance as DomainEventHandler });
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
