import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById, notBlockedEitherWaySql, presentPublicUser, pythonInt, User } from '@app/accounts';
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
 * as at 1k: the newest holders of each of the caller's tags (an index range of
 * user_tags_directory_idx per tag; a group-by over every holder of a popular tag cost ~40 ms at
 * 100k), then the newest members open to that direction (the partial flag indexes), so that a
 * caller without tags, or with rare ones, still gets answers. The overlap of each candidate is then
 * counted exactly.
 */
const HOLDERS_PER_TAG = 300;
const OPEN_POOL = 200;

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

    const best = new Map<number, Recommendation & { direction: RecommendationDirection }>();
    for (const direction of directions) {
      for (const [id, recommendation] of await this.scoreDirection(em, caller, direction, callerTags)) {
        const scored = { ...recommendation, direction };
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
    const busy = new Set(
      (
        await em.execute<Array<{ user_id: number }>>(
          `select "user_id" from "active_mentorships" where "user_id" in (${integerList(ranked.map((r) => r.id))})`,
        )
      ).map((row) => row.user_id),
    );
    return ranked.flatMap(({ id, score, reasons }) => {
      const user = users.get(id);
      if (!user) return [];
      const available = busy.has(id) ? false : user.needMentoring || user.availableToMentor;
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

  /** The bounded candidates of one direction, filtered by every exclusion, each with its score. */
  private async scoreDirection(
    em: SqlEntityManager,
    caller: User,
    direction: RecommendationDirection,
    callerTags: CallerTag[],
  ): Promise<Map<number, Recommendation>> {
    const { candidateKind, callerKind, flag } = DIRECTIONS[direction];
    const wanted = callerTags.filter((tag) => tag.kind === callerKind);
    const labelOf = new Map(wanted.map((tag) => [tag.tag_id, tag.label]));
    const wantedIds = integerList(wanted.map((tag) => tag.tag_id));
    const holders =
      wanted.length === 0
        ? []
        : await em.execute<Array<{ user_id: number }>>(
            `select distinct h."user_id" from (values ${wanted.map((tag) => `(${Number(tag.tag_id)})`).join(', ')}) as t("tag_id")
              cross join lateral (select "user_id" from "user_tags"
                where "kind" = ? and "tag_id" = t."tag_id" and "user_id" <> ?
                order by "user_id" desc limit ${HOLDERS_PER_TAG}) h`,
            [candidateKind, caller.id],
          );
    const open = await em.execute<Array<{ id: number }>>(
      `select "id" from "users" where "${flag}" = true and "deleted_at" is null and "id" <> ?
        order by "id" desc limit ${OPEN_POOL}`,
      [caller.id],
    );
    const pool = [...new Set([...holders.map((row) => row.user_id), ...open.map((row) => row.id)])];
    if (pool.length === 0) return new Map();

    const candidates = await em.execute<CandidateRow[]>(
      `select u."id", u."location", u."mentor_rating_total", u."mentor_rating_count",
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
         from "users" u
        where u."id" in (${integerList(pool)}) and u."id" <> ? and u."deleted_at" is null
          and u."is_email_verified" = true and u."${flag}" = true
          and ${notBlockedEitherWaySql(caller.id).replaceAll('"id"', 'u."id"')}
          and not exists (select 1 from "mentorship_relations" r
                where r."state" in (${RelationState.PENDING}, ${RelationState.ACCEPTED})
                  and ((r."mentor_id" = u."id" and r."mentee_id" = ?) or (r."mentor_id" = ? and r."mentee_id" = u."id")))`,
      [caller.id, caller.id, caller.id],
    );
    const scores = new Map<number, Recommendation>();
    for (const row of candidates) {
      const overlapping = new Set(row.tag_ids.map(Number));
      const rated = direction === 'mentor' ? 'mentor' : 'mentee';
      scores.set(
        row.id,
        scoreCandidate(direction, {
          overlap: wanted.filter((tag) => overlapping.has(tag.tag_id)).map((tag) => labelOf.get(tag.tag_id)!),
          inAcceptedRelation: row.in_accepted,
          pendingReceived: Number(row.pending_received),
          sharedLocation: sameLocation(row.location, caller.location) ? row.location!.trim() : null,
          ratingTotal: Number(row[`${rated}_rating_total`]),
          ratingCount: Number(row[`${rated}_rating_count`]),
        }),
      );
    }
    return scores;
  }
}
