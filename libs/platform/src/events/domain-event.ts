import { randomUUID } from 'node:crypto';

/** Who caused an event and in which request; copied into the audit log, never secrets. */
export interface EventMeta {
  actorId?: number | null;
  requestId?: string | null;
}

/** What the audit log records of an event. Never a password or a token. */
export interface AuditFacts {
  targetType?: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
}

type EventClass = (new (payload: any, meta?: EventMeta) => DomainEvent<any>) & { readonly eventType: string };

const registry = new Map<string, EventClass>();

/**
 * A fact in past tense ("UserRegistered"). Subclasses declare a stable `eventType` with
 * @DomainEventType so rows written by one process can be rebuilt by another.
 */
export abstract class DomainEvent<P extends object = object> {
  eventId: string = randomUUID();
  occurredAt: Date = new Date();

  constructor(
    readonly payload: P,
    readonly meta: EventMeta = {},
  ) {}

  get eventType(): string {
    return (this.constructor as EventClass).eventType;
  }

  /** Overridden by events that belong in the audit log; `null` keeps the event out of it. */
  auditFacts(): AuditFacts | null {
    return null;
  }

  /**
   * Events with the same key are delivered one after another, in the order they were written;
   * events with different keys (or none) may be delivered at the same time. By default the
   * relation, else the user, that the payload names; override where another order matters.
   */
  orderingKey(): string | null {
    const { relationId, userId } = this.payload as { relationId?: unknown; userId?: unknown };
    if (relationId !== undefined && relationId !== null) return `relation:${String(relationId)}`;
    if (userId !== undefined && userId !== null) return `user:${String(userId)}`;
    return null;
  }

  /** Rebuilds an event from its outbox row. */
  static rehydrate(row: {
    eventType: string;
    eventId: string;
    occurredAt: Date;
    payload: object;
    meta: EventMeta;
  }): DomainEvent | undefined {
    const cls = registry.get(row.eventType);
    if (!cls) return undefined;
    const event = new cls(row.payload, row.meta);
    event.eventId = row.eventId;
    event.occurredAt = new Date(row.occurredAt);
    return event;
  }
}

/** Gives an event class its stable name, stored in the outbox. */
export function DomainEventType(eventType: string) {
  return (target: new (...args: any[]) => DomainEvent<any>) => {
    const existing = registry.get(eventType);
    if (existing && existing !== target) {
      throw new Error(`Domain event type "${eventType}" is declared twice`);
    }
    Object.defineProperty(target, 'eventType', { value: eventType });
    registry.set(eventType, target as unknown as EventClass);
  };
}
