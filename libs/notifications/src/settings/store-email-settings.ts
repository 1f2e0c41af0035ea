import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { EmailSettings } from '../domain/email-settings';

/** Merges `changes` into a live member's stored choices (nothing for a deleted account). */
export async function storeEmailSettings(
  em: SqlEntityManager,
  userId: number,
  changes: Partial<EmailSettings>,
): Promise<void> {
  await em.execute(
    `insert into "notification_settings" ("user_id", "email", "updated_at")
     select ?, ?::jsonb, ? where exists (select 1 from "users" where "id" = ? and "deleted_at" is null)
     on conflict ("user_id") do update set
       "email" = "notification_settings"."email" || excluded."email", "updated_at" = excluded."updated_at"`,
    [userId, JSON.stringify(changes), Date.now() / 1000, userId],
  );
}
