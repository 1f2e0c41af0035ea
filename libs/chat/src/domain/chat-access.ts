import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

/** A party's read receipt in a relation: the newest message id they have read, or null. */
export async function lastReadOf(em: SqlEntityManager, relationId: number, userId: number): Promise<number | null> {
  const [row] = await em.execute<Array<{ last_read_message_id: number }>>(
    `select "last_read_message_id" from "chat_reads" where "relation_id" = ? and "user_id" = ?`,
    [relationId, userId],
  );
  return row ? Number(row.last_read_message_id) : null;
}

/** Moves a party's receipt to `messageId` unless it is already there or further. */
export async function advanceReadMarker(
  em: SqlEntityManager,
  relationId: number,
  userId: number,
  messageId: number,
  now: number,
): Promise<number> {
  const [row] = await em.execute<Array<{ last_read_message_id: number }>>(
    `insert into "chat_reads" ("relation_id", "user_id", "last_read_message_id", "read_at") values (?, ?, ?, ?)
     on conflict ("relation_id", "user_id") do update set
       "last_read_message_id" = greatest("chat_reads"."last_read_message_id", excluded."last_read_message_id"),
       "read_at" = case when excluded."last_read_message_id" > "chat_reads"."last_read_message_id"
                        then excluded."read_at" else "chat_reads"."read_at" end
     returning "last_read_message_id"`,
    [relationId, userId, messageId, now],
  );
  return Number(row.last_read_message_id);
}
