import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById, presentPublicUser, pythonInt, User } from '@app/accounts';
import { ApiError, formatMessage, Messages } from '@app/platform';
import {
  bestOf,
  byRank,
  type Recommendation,
  type RecommendationDirection,
  sameLocation,
  scoreCandidate,
} from '../domain/recommendation.rules';
import { RelationState } from '../domain/relation-state';
import { type RecommendedUser, RecommendUsersQuery } from './recommend-users.query';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
/**
 * The candidates scored per direction are bounded, so a request costs about the same at 100k members
 * as at 1k: the newest eligible holders of each of the caller's tags (an index range of
 * user_tags_directory_idx per tag; a group-by over every holder of a popular tag cost ~40 ms at
 * 100k), then the newest eligible members open to that direction (the partial flag indexes), so that a
 * caller without tags, or with rare ones, still gets answers. The overlap of each candidate is then
 * counted exactly.
 */
const HOLDERS_PER_TAG = 100;
const OPEN_POOL = 100;

const DIRECTIONS: Record<RecommendationDirection, { candidateKind: string; callerKind: string; flag: string }> = {
  // A mentor for the caller: teaches (skill) what the caller wants to learn (interest).
  mentor: { candidateKind: 'skill', callerKind: 'interest', flag: 'available_to_mentor' },
  // A mentee for the caller: wants to learn (interest) what the caller teaches (skill).
  mentee: { candidateKind: 'interest', callerKind: 'skill', flag: 'need_mentoring' },
};

interface CallerTag {
  kind: string;
  tag_id: number;
  label: string;
}

interface CandidateRow {
  id: number;
  location: string | null;
  mentor_rating_total: number;
  mentor_rating_count: number;
  mentee_rating_total: number;
  mentee_rating_count: number;
  in_accepted: boolean;
  pending_received: number;
  tag_ids: number[];
}

/** A candidate's score in one direction, with the fact its is_available needs. */
type ScoredCandidate = Recommendation & { direction: RecommendationDirection; inAcceptedRelation: boolean };

/** The first value of a query parameter. */
function param(params: Record<string, unknown>, name: string): string | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value : undefined;
}

const integerList = (ids: number[]) => ids.filter((id) => Number.isSafeInteger(id)).join(', ');

@QueryHandler(RecommendUsersQuery)
export class RecommendUsersHandler implements IQueryHandler<RecommendUsersQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId, params }: RecommendUsersQuery): Promise<RecommendedUser[]> {
    const limit = this.limitOf(params);
    const roleParam = param(params, 'role');
    if (roleParam !== undefined && roleParam !== 'mentor' && roleParam !== 'mentee') {
      throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'role' }));
    }
    const em = this.em.fork() as SqlEntityManager;
    const caller = await findLiveUserById(em, callerId);
    if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);

    const directions: RecommendationDirection[] = roleParam
      ? [roleParam]
      : caller.needMentoring && !caller.availableToMentor
        ? ['mentor']
        : caller.availableToMentor && !caller.needMentoring
          ? ['mentee']
          : ['mentor', 'mentee'];
    const callerTags = await em.execute<CallerTag[]>(
      `select ut."kind", ut."tag_id", t."label" from "user_tags" ut join "tags" t on t."id" = ut."tag_id"
        where ut."user_id" = ? order by ut."kind", ut."position"`,
      [callerId],
    );

    const best = new Map<number, ScoredCandidate>();
    for (const direction of directions) {
      for (const [id, scored] of await this.scoreDirection(em, caller, direction, callerTags)) {
        const known = best.get(id);
        best.set(id, known ? bestOf(known, scored) : scored);
      }
    }
    const ranked = [...best.entries()]
      .map(([id, recommendation]) => ({ id, ...recommendation }))
      .sort(byRank)
      .slice(0, limit);
    if (ranked.length === 0) return [];

    const users = new Map(
      (await em.find(User, { id: { $in: ranked.map((entry) => entry.id) } })).map((user) => [user.id, user]),
    );
    return ranked.flatMap(({ id, score, reasons, inAcceptedRelation }) => {
      const user = users.get(id);
      if (!user) return [];
      const available = inAcceptedRelation ? false : user.needMentoring || user.availableToMentor;
      return [{ ...presentPublicUser(user, available), score, reasons }];
    });
  }

  private limitOf(params: Record<string, unknown>): number {
    const text = param(params, 'limit');
    if (text === undefined || text === '') return DEFAULT_LIMIT;
    const limit = pythonInt(text);
    if (limit === undefined || limit < 1 || limit > MAX_LIMIT) {
      throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'limit' }));
    }
    return limit;
  }

  /**
   * The bounded candidates of one direction, each with its score: one statement that takes the
   * pool from the eligible members only (live, verified, open to this direction, not blocked
   * either way, no PENDING or ACCEPTED relation with the caller), so the bound never fills up with
   * members the caller could not be shown, and reads each candidate's facts.
   */
  private async scoreDirection(
    em: SqlEntityManager,
    caller: User,
    direction: RecommendationDirection,
    callerTags: CallerTag[],
  ): Promise<Map<number, ScoredCandidate>> {
    const { candidateKind, callerKind, flag } = DIRECTIONS[direction];
    const wanted = callerTags.filter((tag) => tag.kind === callerKind);
    const labelOf = new Map(wanted.map((tag) => [tag.tag_id, tag.label]));
    const wantedIds = integerList(wanted.map((tag) => tag.tag_id));
    const callerId = Number(caller.id);
    if (!Number.isSafeInteger(callerId)) throw new TypeError('caller id must be an integer');
    const eligible = (alias: string) =>
      `${alias}."deleted_at" is null and ${alias}."is_email_verified" = true and ${alias}."${flag}" = true
         and ${alias}."id" <> ${callerId} and ${alias}."id" not in (select "id" from "excluded")`;
    // Each holder's eligibility is one primary-key probe ("offset 0" keeps the planner from turning
    // it into a merge join that walks every open member when a tag has fewer holders than the bound:
    // 54 ms instead of 3 ms at 100k).
    const holders =
      wanted.length === 0
        ? ''
        : `select h."id" from (values ${wanted.map((tag) => `(${Number(tag.tag_id)})`).join(', ')}) as t("tag_id")
             cross join lateral (select ut."user_id" as "id" from "user_tags" ut
               cross join lateral (select 1 from "users" c where c."id" = ut."user_id" and ${eligible('c')} offset 0) ok
               where ut."kind" = '${candidateKind}' and ut."tag_id" = t."tag_id"
               order by ut."user_id" desc limit ${HOLDERS_PER_TAG}) h
           union `;
    const candidates = await em.execute<CandidateRow[]>(
      `with "excluded" as (
         select "blocked_id" as "id" from "user_blocks" where "blocker_id" = ${callerId}
         union select "blocker_id" from "user_blocks" where "blocked_id" = ${callerId}
         union select case when "mentor_id" = ${callerId} then "mentee_id" else "mentor_id" end
           from "mentorship_relations"
          where ("mentor_id" = ${callerId} or "mentee_id" = ${callerId})
            and "state" in (${RelationState.PENDING}, ${RelationState.ACCEPTED})
       ), "pool" as (
         ${holders}(select o."id" from "users" o where ${eligible('o')} order by o."id" desc limit ${OPEN_POOL})
       )
       select u."id", u."location", u."mentor_rating_total", u."mentor_rating_count",
              u."mentee_rating_total", u."mentee_rating_count",
              ${
                wanted.length === 0
                  ? `'{}'::int[]`
                  : `array(select ut."tag_id" from "user_tags" ut where ut."user_id" = u."id" and ut."kind" = '${candidateKind}' and ut."tag_id" in (${wantedIds}))`
              } as "tag_ids",
              exists (select 1 from "active_mentorships" am where am."user_id" = u."id") as "in_accepted",
              (select count(*)::int from "mentorship_relations" r
                where r."state" = ${RelationState.PENDING} and r."action_user_id" <> u."id"
                  and (r."mentor_id" = u."id" or r."mentee_id" = u."id")) as "pending_received"
         from "users" u where u."id" in (select "id" from "pool")`,
    );
    const scores = new Map<number, ScoredCandidate>();
    for (const row of candidates) {
      const overlapping = new Set(row.tag_ids.map(Number));
      const rated = direction === 'mentor' ? 'mentor' : 'mentee';
      const recommendation = scoreCandidate(direction, {
        overlap: wanted.filter((tag) => overlapping.has(tag.tag_id)).map((tag) => labelOf.get(tag.tag_id)!),
        inAcceptedRelation: row.in_accepted,
        pendingReceived: Number(row.pending_received),
        sharedLocation: sameLocation(row.location, caller.location) ? row.location!.trim() : null,
        ratingTotal: Number(row[`${rated}_rating_total`]),
        ratingCount: Number(row[`${rated}_rating_count`]),
      });
      scores.set(row.id, { ...recommendation, direction, inAcceptedRelation: row.in_accepted });
    }
    return scores;
  }
}
