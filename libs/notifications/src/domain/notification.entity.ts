import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** One in-app notification: a domain event that concerns `userId`, read or not. */
@Entity({ tableName: 'notifications' })
@Unique({ name: 'notifications_event_user_unique', properties: ['eventId', 'userId'] })
@Index({ name: 'notifications_user_idx', properties: ['userId', 'id'] })
export class Notification {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'integer' })
  userId: number;

  /** The domain event it came from: with userId unique, so a redelivered event is written once. */
  @Property({ type: 'uuid' })
  eventId: string;

  @Property({ type: 'string', length: 60 })
  kind: string;

  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  data: Record<string, unknown> = {};

  /** Epoch seconds, when the event happened. */
  @Property({ type: 'double', columnType: 'double precision' })
  createdAt: number;

  /** Epoch seconds, when the member marked it read. */
  @Property({ type: 'double', columnType: 'double precision', nullable: true })
  readAt: number | null = null;
}
