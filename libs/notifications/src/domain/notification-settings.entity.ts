import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A member's email choices: only the keys they set (the rest are DEFAULT_EMAIL_SETTINGS). */
@Entity({ tableName: 'notification_settings' })
export class NotificationSettings {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  userId: number;

  @Property({ type: 'json', columnType: 'jsonb', default: "'{}'" })
  email: Record<string, unknown> = {};

  /** Epoch seconds. */
  @Property({ type: 'double', columnType: 'double precision' })
  updatedAt: number;
}
