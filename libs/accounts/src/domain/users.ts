import type { EntityManager, FilterQuery } from '@mikro-orm/core';
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
