import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ApiError, Messages } from '@app/platform';
import { User } from './user.entity';

/** Lookups of accounts that exist: an anonymised (deleted) account is never found. */
export function findLiveUser(em: EntityManager, where: FilterQuery<User>): Promise<User | null> {
  return em.findOne(User, { $and: [where, { deletedAt: null }] } as FilterQuery<User>);
}

export function findLiveUserById(em: EntityManager, id: number): Promise<User | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return Promise.resolve(null);
  return findLiveUser(em, { id });
}

export function countAdmins(em: EntityManager): Promise<number> {
  return em.count(User, { isAdmin: true, deletedAt: null });
}

/** Epoch seconds as a float with millisecond precision, like Python's time.time(). */
export function epochSeconds(date: Date = new Date()): number {
  return date.getTime() / 1000;
}

/**
 * The reference's @email_verification_required on the caller: a (sessionless) token of an account
 * deleted since is answered 404 "User does not exist." before anything else.
 */
export async function requireLiveCaller(em: EntityManager, callerId: number): Promise<void> {
  if (!(await findLiveUserById(em, callerId))) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
}
