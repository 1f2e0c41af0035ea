import type { EntityManager } from '@mikro-orm/core';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';

/** The caller must be a live admin: 404 for a deleted account, 403 for anyone else (as the other admin routes). */
export async function requireAdmin(em: EntityManager, callerId: number | null): Promise<void> {
  const caller = callerId === null ? null : await findLiveUserById(em, callerId);
  if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
  if (!caller.isAdmin) throw new ApiError(403, Messages.USER_IS_NOT_AN_ADMIN);
}
