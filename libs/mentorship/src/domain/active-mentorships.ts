import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { MentorshipAvailability } from '@app/accounts';
import type { RelationFacts } from '../events/relation-facts';
import type { MentorshipRelation } from './mentorship-relation.entity';
import { RelationState } from './relation-state';

/**
 * active_mentorships holds one row per user in an ACCEPTED relation; its primary key is the
 * database's guarantee that nobody is in two at once, however many accepts race.
 */
export async function isInAcceptedRelation(em: SqlEntityManager, userId: number): Promise<boolean> {
  const rows = await em.execute(`select 1 from "active_mentorships" where "user_id" = ?`, [userId]);
  return rows.length > 0;
}

/** Claims the membership of `userId` for a relation; false when the user already has one. */
export async function claimMembership(em: SqlEntityManager, userId: number, relationId: number): Promise<boolean> {
  const rows = await em.execute(
    `insert into "active_mentorships" ("user_id", "relation_id") values (?, ?) on conflict do nothing returning "user_id"`,
    [userId, relationId],
  );
  return rows.length > 0;
}

export async function releaseMemberships(em: SqlEntityManager, relationId: number): Promise<void> {
  await em.execute(`delete from "active_mentorships" where "relation_id" = ?`, [relationId]);
}

export function relationFacts(relation: MentorshipRelation): RelationFacts {
  return {
    relationId: relation.id,
    mentorId: relation.mentorId,
    menteeId: relation.menteeId,
    actionUserId: relation.actionUserId,
    endDate: relation.endDate,
  };
}

/** The accounts lib's question (who is busy, for `is_available`), answered from active_mentorships. */
@Injectable()
export class ActiveMentorshipAvailability extends MentorshipAvailability {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async busyAmong(userIds: number[]): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const rows = await (this.em.fork() as SqlEntityManager).execute<Array<{ user_id: number }>>(
      `select "user_id" from "active_mentorships" where "user_id" in (${userIds.map(() => '?').join(', ')})`,
      userIds,
    );
    return new Set(rows.map((row) => row.user_id));
  }

  override async acceptedRelationBetween(em: EntityManager, a: number, b: number): Promise<number | null> {
    const rows = await (em as SqlEntityManager).execute<Array<{ id: number }>>(
      `select "id" from "mentorship_relations" where "state" = ?
         and (("mentor_id" = ? and "mentee_id" = ?) or ("mentor_id" = ? and "mentee_id" = ?)) limit 1`,
      [RelationState.ACCEPTED, a, b, b, a],
    );
    return rows[0]?.id ?? null;
  }
}
