import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One member blocking another (the table of Migration20261203210000Blocks). */
@Entity({ tableName: 'user_blocks' })
@Index({ name: 'user_blocks_blocked_idx', properties: ['blockedId', 'blockerId'] })
export class UserBlock {
  @PrimaryKey({ type: 'integer' })
  blockerId: number;

  @PrimaryKey({ type: 'integer' })
  blockedId: number;

  /** Epoch seconds, as the reference's other timestamps. */
  @Property({ type: 'double', columnType: 'double precision' })
  createdAt: number;
}
