import { relationOfParty } from '@app/mentorship';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { requireLiveCaller } from '@app/accounts';
import { queryInteger } from '@app/platform';
import { lastReadOf } from '../domain/chat-access';
import { DEFAULT_PAGE_SIZE, MAX_ID, MAX_PAGE_SIZE } from '../domain/chat.rules';
import { type ChatPage, presentMessage } from '../http/message.presenter';
import { ListMessagesQuery } from './list-messages.query';

@QueryHandler(ListMessagesQuery)
export class ListMessagesHandler implements IQueryHandler<ListMessagesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, userId, params }: ListMessagesQuery): Promise<ChatPage> {
    const before = queryInteger(params, 'before', 1, MAX_ID);
    const limit = queryInteger(params, 'limit', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
    const em = this.em.fork() as SqlEntityManager;
    await requireLiveCaller(em, userId);
    const relation = await relationOfParty(em, relationId, userId);
    const otherLastRead = await lastReadOf(em, relation.id, relation.otherParty(userId));
    const rows = await em.execute<
      Array<{ id: number; relation_id: number; author_id: number; body: string; created_at: number }>
    >(
      `select "id", "relation_id", "author_id", "body", "created_at" from "chat_messages"
        where "relation_id" = ? and "hidden_at" is null ${before === undefined ? '' : 'and "id" < ?'}
        order by "id" desc limit ?`,
      before === undefined ? [relation.id, limit + 1] : [relation.id, before, limit + 1],
    );
    const page = rows.slice(0, limit).map((row) =>
      presentMessage(
        {
          id: Number(row.id),
          relationId: Number(row.relation_id),
          authorId: Number(row.author_id),
          body: row.body,
          createdAt: Number(row.created_at),
        },
        userId,
        otherLastRead,
      ),
    );
    return {
      messages: page,
      next_before: rows.length > limit ? page[page.length - 1].id : null,
      other_party_last_read_id: otherLastRead,
    };
  }
}
