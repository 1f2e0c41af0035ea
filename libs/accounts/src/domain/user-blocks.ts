import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

/**
 * A condition on the users row of the surrounding query (its unqualified "id"): true when neither
 * that user nor `callerId` has blocked the other. Served by the primary key and user_blocks_blocked_idx.
 */
export function notBlockedEitherWaySql(callerId: number): string {
  if (!Number.isSafeInteger(callerId)) throw new TypeError('callerId must be an integer');
  return (
    `not exists (select 1 from "user_blocks" "ub" where ` +
    `("ub"."blocker_id" = ${callerId} and "ub"."blocked_id" = "id") or ` +
    `("ub"."blocked_id" = ${callerId} and "ub"."blocker_id" = "id"))`
  );
}

/** Whether `a` blocked `b` or `b` blocked `a` (the same answer for both orders). */
export async function isBlockedEitherWay(em: EntityManager, a: number, b: number): Promise<boolean> {
  const rows = await (em as SqlEntityManager).execute<Array<{ blocked: boolean }>>(
    `select exists (select 1 from "user_blocks" where ("blocker_id" = ? and "blocked_id" = ?)
       or ("blocker_id" = ? and "blocked_id" = ?)) as "blocked"`,
    [a, b, b, a],
  );
  return rows[0]?.blocked === true;
}
