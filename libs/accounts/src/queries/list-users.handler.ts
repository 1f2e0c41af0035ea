import { ModuleRef } from '@nestjs/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery, raw } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, formatMessage, Messages, totalCountBound, totalFromBoundedCount } from '@app/platform';
import { containsPattern, parseBooleanFilter, parsePaging } from '../domain/directory.rules';
import { MentorshipAvailability } from '../domain/mentorship-availability';
import { parseMinRating, type RatedRole, ratingAverageSql, ratingCountProperty } from '../domain/ratings';
import { tagSlug, type TagKind } from '../domain/tags';
import { User } from '../domain/user.entity';
import { tagIdBySlug } from '../domain/user-tags';
import { blockedEitherWaySubquery } from '../domain/user-blocks';
import { presentPublicUser, type UserDirectoryPage } from '../http/user.presenter';
import { ListUsersQuery } from './list-users.query';

const TEXT_FILTERS = { skills: 'skills', interests: 'interests', location: 'location' } as const;
const BOOLEAN_FILTERS = { need_mentoring: 'needMentoring', available_to_mentor: 'availableToMentor' } as const;
/** Beyond the reference: a lowest average rating, as a mentor (where mentees look for mentors) or as a mentee. */
const RATING_FILTERS: Record<string, RatedRole> = { min_rating: 'mentor', min_mentee_rating: 'mentee' };

/** Beyond the reference: members holding a tag (its slug matched exactly) as a skill or an interest. */
const TAG_FILTERS: Record<string, TagKind> = { skill: 'skill', interest: 'interest' };

/** The first value of a query parameter (Flask's request.args.get), made safe for PostgreSQL. */
function param(params: Record<string, unknown>, name: string): string | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.replaceAll('\u0000', '').toWellFormed() : undefined;
}

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute({ callerId, verifiedOnly, params }: ListUsersQuery): Promise<UserDirectoryPage> {
    const { page, perPage } = parsePaging(param(params, 'page'), param(params, 'per_page'));
    const conditions: FilterQuery<User>[] = [{ deletedAt: null }, { id: { $ne: callerId } }];
    if (verifiedOnly) conditions.push({ isEmailVerified: true });
    // Beyond the reference: nobody the caller blocked, nor anyone who blocked the caller.
    // (Subqueries as `in` values, not `exists (...) = true`: a comparison hides the semi- or anti-join
    // from the planner, which then probes per row; 18 ms instead of 9 for a count at 100k.)
    conditions.push({ id: { $nin: raw(blockedEitherWaySubquery(callerId)) } });
    const search = param(params, 'search');
    if (search) {
      // Served by the trigram indexes on name and username.
      const pattern = containsPattern(search);
      conditions.push({ $or: [{ name: { $ilike: pattern } }, { username: { $ilike: pattern } }] });
    }
    for (const [name, property] of Object.entries(TEXT_FILTERS)) {
      const value = param(params, name);
      if (value) conditions.push({ [property]: { $ilike: containsPattern(value) } });
    }
    for (const [name, property] of Object.entries(BOOLEAN_FILTERS)) {
      const value = param(params, name);
      if (value === undefined || value === '') continue;
      const flag = parseBooleanFilter(value);
      if (flag === undefined)
        throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
      conditions.push({ [property]: flag });
    }
    for (const [name, role] of Object.entries(RATING_FILTERS)) {
      const min = parseMinRating(param(params, name));
      if (min === null) throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
      if (min === undefined) continue;
      // The expression and predicate of the partial index users_<role>_rating_idx: members without
      // ratings in that role are left out, and the index serves the filter.
      conditions.push({ [ratingCountProperty(role)]: { $gt: 0 } }, {
        [raw(ratingAverageSql(role))]: { $gte: min },
      } as FilterQuery<User>);
    }

    const em = this.em.fork() as SqlEntityManager;
    for (const [name, kind] of Object.entries(TAG_FILTERS)) {
      const value = param(params, name);
      const slug = value ? tagSlug(value) : '';
      if (!slug) continue;
      // The tag's id first, as a literal: the planner then knows from the statistics how many hold it
      // (a join on the slug left it guessing, and it hashed all 26k holders of the most held tag).
      // Served by user_tags_directory_idx (kind, tag_id, user_id); a tag nobody ever used matches nobody.
      const tagId = await tagIdBySlug(em, slug);
      conditions.push({
        id: {
          $in:
            tagId === null
              ? []
              : raw(`select "user_id" from "user_tags" where "kind" = '${kind}' and "tag_id" = ${Number(tagId)}`),
        },
      });
    }
    const where = { $and: conditions } as FilterQuery<User>;
    const total = await this.boundedCount(em, where, totalCountBound(page, perPage));
    if (perPage === 0) return { users: [], total, page, perPage };
    const users = await em.find(User, where, { orderBy: { id: 'asc' }, limit: perPage, offset: (page - 1) * perPage });
    const busy = await this.busyAmong(users.map((user) => user.id));
    return {
      users: users.map((user) =>
        presentPublicUser(user, busy.has(user.id) ? false : user.needMentoring || user.availableToMentor),
      ),
      total,
      page,
      perPage,
    };
  }

  /** The number of matches, or null past `bound` (the count stops there instead of scanning every row). */
  private async boundedCount(em: SqlEntityManager, where: FilterQuery<User>, bound: number): Promise<number | null> {
    const { sql, params } = em
      .createQueryBuilder(User)
      .select('id')
      .where(where as never)
      .limit(bound)
      .toQuery();
    const [{ matches }] = await em
      .getConnection()
      .execute<{ matches: number }[]>(`select count(*)::int as "matches" from (${sql}) as "bounded"`, [...params]);
    return totalFromBoundedCount(matches, bound);
  }

  private async busyAmong(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    let availability: MentorshipAvailability;
    try {
      availability = this.moduleRef.get(MentorshipAvailability, { strict: false });
    } catch {
      return new Set(); // no mentorship lib in this process: nobody is in a relation
    }
    return availability.busyAmong(ids);
  }
}
