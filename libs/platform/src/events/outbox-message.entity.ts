import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A domain event written in the same transaction as the change that caused it (transactional outbox).
 * The relay delivers it to every handler at least once, remembering which handlers already succeeded.
 */
@Entity({ tableName: 'outbox' })
@Index({
  name: 'outbox_pending_idx',
  expression:
    'create index "outbox_pending_idx" on "outbox" ("available_at", "id") where "processed_at" is null and "dead_at" is null',
})
@Index({
  name: 'outbox_parked_idx',
  expression: 'create index "outbox_parked_idx" on "outbox" ("dead_at" desc, "id" desc) where "dead_at" is not null',
})
export class OutboxMessage {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'uuid', unique: true })
  eventId: string;

  @Property({ type: 'string', length: 120 })
  eventType: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  payload: Record<string, unknown>;

  @Property({ type: 'json', columnType: 'jsonb' })
  meta: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  availableAt: Date;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'json', columnType: 'jsonb', default: '[]' })
  deliveredTo: string[] = [];

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  processedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deadAt?: Date | null;
}
