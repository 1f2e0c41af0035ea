import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One login: its access and refresh tokens carry the session id. Revoking the session (logout,
 * password change or reset, account deletion, refresh-token reuse, suspension) stops all its tokens
 * at once.
 * Only the current refresh token id is valid; a rotated-out one presented again revokes the session.
 */
@Entity({ tableName: 'sessions' })
@Index({
  name: 'sessions_user_idx',
  expression: 'create index "sessions_user_idx" on "sessions" ("user_id") where "revoked_at" is null',
})
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'integer' })
  userId: number;

  @Property({ type: 'uuid' })
  refreshTokenId: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  refreshedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  revokedReason: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  clientAddress: string | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;
}

export type SessionRevocationReason =
  'logout' | 'password_changed' | 'password_reset' | 'refresh_token_reused' | 'suspended';
