import { LockMode } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { MentorshipRelation } from './mentorship-relation.entity';

/** Loads a relation for a change, locking its row until the transaction ends. */
export function findRelationForUpdate(em: SqlEntityManager, id: number): Promise<MentorshipRelation | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return Promise.resolve(null);
  return em.findOne(MentorshipRelation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}
