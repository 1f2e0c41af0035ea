import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

/** A message as the email about unread messages shows it. */
export interface UnreadChatMessage {
  id: number;
  authorId: number;
  body: string;
  createdAt: number;
}

export interface UnreadChat {
  /** How many messages of the other party the recipient has not read. */
  count: number;
  /** The newest of them, newest first (at most `limit`). */
  newest: UnreadChatMessage[];
}

/**
 * What `recipientId` has not read yet in a relation: the other party's messages past their read
 * receipt. The one read the notifications lib makes of the chat tables (for the unread email).
 */
export async function unreadChatMessages(
  em: SqlEntityManager,
  relationId: number,
  recipientId: number,
  limit: number,
): Promise<UnreadChat> {
  const rows = await em.execute<
    Array<{ id: number; author_id: number; body: string; created_at: number; unread: string | number }>
  >(
    `select m."id", m."author_id", m."body", m."created_at", count(*) over () as "unread"
       from "chat_messages" m
      where m."relation_id" = ? and m."author_id" <> ? and m."hidden_at" is null
        and m."id" > coalesce((select r."last_read_message_id" from "chat_reads" r
                                where r."relation_id" = ? and r."user_id" = ?), 0)
      order by m."id" desc limit ?`,
    [relationId, recipientId, relationId, recipientId, limit],
  );
  return {
    count: rows.length ? Number(rows[0].unread) : 0,
    newest: rows.map((row) => ({
      id: Number(row.id),
      authorId: Number(row.author_id),
      body: row.body,
      createdAt: Number(row.created_at),
    })),
  };
}
