import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A ticket that opens one stream (GET /events?ticket=...) for a browser's EventSource, which cannot
 * send an Authorization header. Only the SHA-256 of the ticket is stored; redeeming it deletes the
 * row, so it works once, whichever replica it reaches, and never after `expiresAt`.
 */
@Entity({ tableName: 'live_tickets' })
export class LiveTicket {
  @PrimaryKey({ type: 'string', length: 64 })
  tokenHash: string;

  @Property({ type: 'integer' })
  userId: number;

  /** The session of the access token that asked for it: the stream closes when that session does. */
  @Property({ type: 'uuid', nullable: true })
  sessionId: string | null = null;

  @Index({ name: 'live_tickets_expires_idx' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;
}
