import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { DomainEvent } from './domain-event';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';

/** What a command sees inside its transaction: the entity manager and a way to record events. */
export class TransactionContext {
  recorded = 0;

  constructor(readonly em: SqlEntityManager) {}

  /** Writes the event to the outbox in this transaction; it is relayed only if the transaction commits. */
  record(event: DomainEvent): void {
    const message = this.em.create(OutboxMessage, {
      eventId: event.eventId,
      eventType: event.eventType,
      payload: event.payload as Record<string, unknown>,
      meta: { ...event.meta },
      occurredAt: event.occurredAt,
      availableAt: event.occurredAt,
      attempts: 0,
      deliveredTo: [],
    });
    this.em.persist(message);
    this.recorded += 1;
  }
}

/**
 * One transaction per command: load, check rules, change, record events, flush, commit.
 * After the commit the relay is asked to deliver what was recorded.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    let recorded = 0;
    const result = await this.em.fork().transactional(async (em) => {
      const tx = new TransactionContext(em as SqlEntityManager);
      const value = await work(tx);
      recorded = tx.recorded;
      return value;
    });
    if (recorded > 0) this.relay.kick();
    return result;
  }
}
