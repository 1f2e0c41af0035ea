import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import type { PartySummary, RelationRecord } from '../http/relation.presenter';
import { RelationState } from '../domain/relation-state';
import type { ProposalKind } from '../domain/relation-proposal.entity';

/** Which of a user's relations a listing wants. */
export type RelationFilter =
  | { kind: 'all' }
  | { kind: 'state'; state: RelationState }
  | { kind: 'past'; now: number }
  | { kind: 'pending'; now: number };

interface RelationRow {
  id: number;
  action_user_id: number;
  mentor_id: number;
  mentee_id: number;
  creation_date: number;
  accept_date: number | null;
  start_date: number | null;
  end_date: number;
  state: number;
  notes: string;
  expired_at: number | null;
  proposal_id: number | null;
  proposal_proposer_id: number | null;
  proposal_kind: string | null;
  proposal_end_date: number | null;
  proposal_created_at: number | null;
  mentor_name: string | null;
  mentor_photo_url: string | null;
  mentee_name: string | null;
  mentee_photo_url: string | null;
}

function filterSql(filter: RelationFilter): { sql: string; params: unknown[] } {
  switch (filter.kind) {
    case 'all':
      return { sql: '', params: [] };
    case 'state':
      return { sql: ' and r."state" = ?', params: [filter.state] };
    case 'past':
      return { sql: ' and r."end_date" < ?', params: [filter.now] };
    case 'pending':
      return { sql: ' and r."state" = ? and r."end_date" > ?', params: [RelationState.PENDING, filter.now] };
  }
}

const number = (value: unknown) => (value === null ? null : Number(value));

/**
 * A user's relations, those as mentor first, then those as mentee, each by id (the reference's
 * order), with both parties' names and photos: one statement, read straight into views (a read
 * needs no entities; each round trip to the database costs more than the query).
 */
export async function relationsWithParties(
  em: EntityManager,
  userId: number,
  filter: RelationFilter = { kind: 'all' },
): Promise<{ relations: RelationRecord[]; parties: Map<number, PartySummary> }> {
  const extra = filterSql(filter);
  const rows = await (em as SqlEntityManager).execute<RelationRow[]>(
    `select r."id", r."action_user_id", r."mentor_id", r."mentee_id", r."creation_date", r."accept_date",
            r."start_date", r."end_date", r."state", r."notes", r."expired_at",
            p."id" as "proposal_id", p."proposer_id" as "proposal_proposer_id", p."kind" as "proposal_kind",
            p."end_date" as "proposal_end_date", p."created_at" as "proposal_created_at",
            mu."name" as "mentor_name", mu."photo_url" as "mentor_photo_url",
            me."name" as "mentee_name", me."photo_url" as "mentee_photo_url"
       from "mentorship_relations" r
       left join "users" mu on mu."id" = r."mentor_id"
       left join "users" me on me."id" = r."mentee_id"
       left join "relation_proposals" p on p."relation_id" = r."id" and p."state" = 'open'
      where (r."mentor_id" = ? or r."mentee_id" = ?)${extra.sql}
      order by (r."mentor_id" <> ?), r."id"`,
    [userId, userId, ...extra.params, userId],
  );
  const parties = new Map<number, PartySummary>();
  const relations = rows.map((row): RelationRecord => {
    parties.set(row.mentor_id, { name: row.mentor_name, photoUrl: row.mentor_photo_url });
    parties.set(row.mentee_id, { name: row.mentee_name, photoUrl: row.mentee_photo_url });
    return {
      id: row.id,
      actionUserId: row.action_user_id,
      mentorId: row.mentor_id,
      menteeId: row.mentee_id,
      creationDate: Number(row.creation_date),
      acceptDate: number(row.accept_date),
      startDate: number(row.start_date),
      endDate: Number(row.end_date),
      state: Number(row.state) as RelationState,
      notes: row.notes,
      expiredAt: number(row.expired_at),
      openProposal:
        row.proposal_id === null
          ? null
          : {
              id: row.proposal_id,
              relationId: row.id,
              proposerId: row.proposal_proposer_id!,
              kind: row.proposal_kind as ProposalKind,
              endDate: number(row.proposal_end_date),
              state: 'open',
              createdAt: Number(row.proposal_created_at),
              decidedAt: null,
            },
    };
  });
  return { relations, parties };
}
