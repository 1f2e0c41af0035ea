import { LockMode } from '@mikro-orm/core';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { EntityManager } from '@mikro-orm/core';
import { MentorshipRelation } from './mentorship-relation.entity';

/** Loads a relation for a change, locking its row until the transaction ends. */
export function findRelationForUpdate(em: SqlEntityManager, id: number): Promise<MentorshipRelation | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return Promise.resolve(null);
  return em.findOne(MentorshipRelation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/**
 * The reference's @email_verification_required on the caller: a token of an account deleted since
 * (one without a session) is answered 404 "User does not exist." before anything else.
 */
export async function requireLiveCaller(em: EntityManager, callerId: number): Promise<void> {
  if (!(await findLiveUserById(em, callerId))) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
}
