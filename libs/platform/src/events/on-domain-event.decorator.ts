import { applyDecorators, SetMetadata } from '@nestjs/common';
import { EventsHandler } from '@nestjs/cqrs';
import type { DomainEvent } from './domain-event';

export const DOMAIN_EVENT_HANDLER = Symbol('DOMAIN_EVENT_HANDLER');

export type DomainEventClass = abstract new (...args: any[]) => DomainEvent<any>;

/**
 * Marks a @nestjs/cqrs event handler whose events come from the outbox. The relay awaits it and
 * retries it on failure, so it must be idempotent. A handler of a base class (DomainEvent itself)
 * receives every event that extends it.
 */
export const OnDomainEvent = (...events: DomainEventClass[]) =>
  applyDecorators(EventsHandler(...(events as any[])), SetMetadata(DOMAIN_EVENT_HANDLER, events));

/** What an outbox-fed handler implements. */
export interface DomainEventHandler<E extends DomainEvent<any> = DomainEvent> {
  handle(event: E): Promise<void>;
  /**
   * Optional: the events of one relay round at once (one statement instead of one per event).
   * When it throws, the relay falls back to `handle` for each event, so a bad event fails alone.
   */
  handleBatch?(events: E[]): Promise<void>;
}
