import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** How far one party has read a relation's messages (a read receipt that only moves forward). */
@Entity({ tableName: 'chat_reads' })
export class ChatRead {
  @PrimaryKey({ type: 'integer' })
  relationId: number;

  @PrimaryKey({ type: 'integer' })
  userId: number;

  /** The newest message id this party has read (every older one counts as read too). */
  @Property({ type: 'integer' })
  lastReadMessageId: number;

  @Property({ type: 'double' })
  readAt: number;
}
