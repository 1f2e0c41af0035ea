import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type BlockedUserView, ListBlocksQuery } from './list-blocks.query';

@QueryHandler(ListBlocksQuery)
export class ListBlocksHandler implements IQueryHandler<ListBlocksQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId }: ListBlocksQuery): Promise<BlockedUserView[]> {
    // A deleted account's block stays (the row goes with the user only on a hard delete) but is not listed.
    return (this.em.fork() as SqlEntityManager).execute<BlockedUserView[]>(
      `select "u"."id", "u"."username", "u"."name", "b"."created_at" as "blocked_at"
         from "user_blocks" "b" join "users" "u" on "u"."id" = "b"."blocked_id"
        where "b"."blocker_id" = ? and "u"."deleted_at" is null
        order by "b"."created_at" desc, "u"."id" desc`,
      [callerId],
    );
  }
}
