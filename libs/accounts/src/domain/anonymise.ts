import type { EntityManager } from '@mikro-orm/sql';
import { PasswordResetRequest } from './password-reset-request.entity';
import { PROFILE_TEXT_FIELDS, type User } from './user.entity';
import { Session } from './session.entity';

/** Any fixed number: changes to who is admin take turns, so the last admin can never be removed. */
export const ADMINS_LOCK = 727_470_102;

/**
 * Deletes an account by anonymising it: the row stays (so relations, tasks and comments that point
 * at it still resolve) but nothing personal remains (in the row, its sessions, reset requests or
 * queued emails), the username and email are free again, and every session ends at once.
 */
export async function anonymiseAccount(em: EntityManager, user: User): Promise<void> {
  user.name = null;
  user.username = null;
  user.email = null;
  user.passwordHash = null;
  for (const property of Object.values(PROFILE_TEXT_FIELDS)) (user[property] as string | null) = null;
  user.needMentoring = false;
  user.availableToMentor = false;
  user.isAdmin = false;
  user.termsAndConditionsChecked = false;
  user.deletedAt = new Date();
  // Deleting the sessions ends them at once (the guards find none) and drops their addresses.
  await em.nativeDelete(Session, { userId: user.id });
  await em.nativeDelete(PasswordResetRequest, { userId: user.id });
  // Its skill and interest tags go too (the tags themselves stay for the members who hold them).
  await em.execute(`delete from "user_tags" where "user_id" = ?`, [user.id]);
  // Emails to this account that are still queued are not sent, and none keeps its address or name.
  await em.execute(
    `update "outbox" set "payload" = "payload" - 'email' - 'name', "processed_at" = coalesce("processed_at", now())
      where "event_type" in ('accounts.verification_email_requested', 'accounts.password_reset_requested')
        and "payload" @> jsonb_build_object('userId', ?::int)`,
    [user.id],
  );
}
