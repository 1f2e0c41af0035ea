import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A "forgot password" request. The emailed token is signed and names this row; the row makes the
 * token single-use (used_at) and bounds it in time (expires_at). No token is stored.
 */
@Entity({ tableName: 'password_reset_requests' })
@Index({ name: 'password_reset_requests_user_idx', properties: ['userId'] })
export class PasswordResetRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'integer' })
  userId: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}
