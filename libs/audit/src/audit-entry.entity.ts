import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One line of the audit log: who did what to which target, when, and in which request. */
@Entity({ tableName: 'audit_log' })
@Index({ name: 'audit_log_occurred_at_idx', properties: ['occurredAt'] })
@Index({ name: 'audit_log_actor_idx', properties: ['actorId', 'occurredAt'] })
@Index({ name: 'audit_log_action_idx', properties: ['action', 'occurredAt'] })
export class AuditEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  /** The domain event this entry came from; unique, so a redelivered event is written once. */
  @Property({ type: 'uuid', unique: true })
  eventId: string;

  @Property({ type: 'string', length: 120 })
  action: string;

  @Property({ type: 'integer', nullable: true })
  actorId?: number | null;

  @Property({ type: 'string', length: 60, nullable: true })
  targetType?: string | null;

  @Property({ type: 'string', length: 60, nullable: true })
  targetId?: string | null;

  @Property({ type: 'string', length: 120, nullable: true })
  requestId?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  occurredAt: Date;

  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  details: Record<string, unknown> = {};
}
