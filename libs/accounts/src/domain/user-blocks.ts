import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

/**
 * The ids `callerId` blocked or was blocked by, as a subquery for `id not in (...)`: planned once
 * as a hashed set (both columns are not null, so `not in` means what it says). Served by the
 * primary key and user_blocks_blocked_idx.
 */
export function blockedEitherWaySubquery(callerId: number): string {
  if (!Number.isSafeInteger(callerId)) throw new TypeError('callerId must be an integer');
  return (
    `select "blocked_id" from "user_blocks" where "blocker_id" = ${callerId} ` +
    `union all select "blocker_id" from "user_blocks" where "blocked_id" = ${callerId}`
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
