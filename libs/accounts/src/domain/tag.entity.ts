import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { TagKind } from './tags';

/** A skill or interest tag: one row per normalized spelling, labelled with the first spelling seen. */
@Entity({ tableName: 'tags' })
@Index({
  name: 'tags_slug_prefix_idx',
  expression: 'create index "tags_slug_prefix_idx" on "tags" ("slug" text_pattern_ops)',
})
export class Tag {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  /** Lower case, inner whitespace collapsed to one space, trimmed. */
  @Property({ type: 'text', unique: 'tags_slug_unique' })
  slug: string;

  @Property({ type: 'text' })
  label: string;
}

/** A member holding a tag as a skill (can teach it) or an interest (wants to learn it). */
@Entity({ tableName: 'user_tags' })
@Index({ name: 'user_tags_directory_idx', properties: ['kind', 'tagId', 'userId'] })
export class UserTag {
  @PrimaryKey({ type: 'integer' })
  userId: number;

  @PrimaryKey({ type: 'string', length: 8 })
  kind: TagKind;

  @PrimaryKey({ type: 'integer' })
  tagId: number;

  /** The place in the member's list (the order they gave). */
  @Property({ type: 'smallint' })
  position: number;
}
