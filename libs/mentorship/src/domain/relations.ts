import { LockMode } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import { MentorshipRelation } from './mentorship-relation.entity';

/** Whether `id` can name a row of a serial column at all (anything else matches nothing). */
export const isSerialId = (id: number): boolean => Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;

/** Loads a relation for a change, locking its row until the transaction ends. */
export function findRelationForUpdate(em: SqlEntityManager, id: number): Promise<MentorshipRelation | null> {
  if (!isSerialId(id)) return Promise.resolve(null);
  return em.findOne(MentorshipRelation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/**
 * The relation of a route beyond the reference (proposals, feedback, chat), in any state,
 * optionally locked until the transaction ends. Missing, or the caller is not one of its two
 * parties: the same 404, so nobody else learns it exists (the reference's own routes keep their 403s).
 */
export async function relationOfParty(
  em: SqlEntityManager,
  relationId: number,
  callerId: number,
  lockMode?: LockMode.PESSIMISTIC_WRITE | LockMode.PESSIMISTIC_READ,
): Promise<MentorshipRelation> {
  const relation = isSerialId(relationId)
    ? await em.findOne(MentorshipRelation, { id: relationId }, lockMode ? { lockMode } : {})
    : null;
  if (!relation?.involves(callerId)) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
  return relation;
}
