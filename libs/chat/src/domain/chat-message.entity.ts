import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A message one party of a mentorship relation sent to the other (beyond the reference). Stays
 * readable to both parties after the relation ends; goes with the relation. Epoch seconds.
 */
@Entity({ tableName: 'chat_messages' })
@Index({
  name: 'chat_messages_relation_idx',
  expression: 'create index "chat_messages_relation_idx" on "chat_messages" ("relation_id", "id" desc)',
})
export class ChatMessage {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  relationId: number;

  @Property({ type: 'integer' })
  authorId: number;

  @Property({ type: 'text' })
  body: string;

  @Property({ type: 'double' })
  createdAt: number;

  /** Set when an admin hid it after a report (libs/moderation): left out of the listing. */
  @Property({ type: 'double', nullable: true })
  hiddenAt: number | null = null;
}
