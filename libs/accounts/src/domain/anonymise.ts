import type { EntityManager } from '@mikro-orm/sql';
import { PasswordResetRequest } from './password-reset-request.entity';
import { PROFILE_TEXT_FIELDS, type User } from './user.entity';
import { revokeSessionsOf } from './account-sessions';

/** Any fixed number: changes to who is admin take turns, so the last admin can never be removed. */
export const ADMINS_LOCK = 727_470_102;

/**
 * Deletes an account by anonymising it: the row stays (so relations, tasks and comments that point
 * at it still resolve) but nothing personal remains, the username and email are free again, and
 * every session ends at once.
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
  await revokeSessionsOf(em, user.id, 'account_deleted');
  await em.nativeDelete(PasswordResetRequest, { userId: user.id });
}
