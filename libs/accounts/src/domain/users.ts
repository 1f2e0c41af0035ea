import type { EntityData, EntityManager, FilterQuery } from '@mikro-orm/core';
import { ApiError, knownCaller, Messages } from '@app/platform';
import { User } from './user.entity';

/** Lookups of accounts that exist: an anonymised (deleted) account is never found. */
export function findLiveUser(em: EntityManager, where: FilterQuery<User>): Promise<User | null> {
  return em.findOne(User, { $and: [where, { deletedAt: null }] } as FilterQuery<User>);
}

/** Whether `id` can name a row of users at all (a serial). */
export function isLiveUserId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;
}

/**
 * The live account with this id. For the caller of the request, outside a transaction, the row the
 * token guard read moments ago is used instead of a second lookup; inside a command's transaction
 * the row is always read again.
 */
export function findLiveUserById(em: EntityManager, id: number): Promise<User | null> {
  if (!isLiveUserId(id)) return Promise.resolve(null);
  const known = em.isInTransaction() ? undefined : knownCaller(id);
  if (known === null) return Promise.resolve(null);
  if (known !== undefined) return Promise.resolve(em.map(User, known as EntityData<User>));
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
  // The guard of this request has just answered it (in a transaction or not, no need to ask again).
  const known = knownCaller(callerId);
  const live = known !== undefined ? known !== null : !!(await findLiveUserById(em, callerId));
  if (!live) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
}

/** The caller of an admins-only route: 404 for a deleted account, 403 for anyone not an admin. */
export async function requireLiveAdmin(em: EntityManager, callerId: number | null): Promise<User> {
  const caller = callerId === null ? null : await findLiveUserById(em, callerId);
  if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
  if (!caller.isAdmin) throw new ApiError(403, Messages.USER_IS_NOT_AN_ADMIN);
  return caller;
}
