import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, formatMessage, Messages } from '@app/platform';
import { pythonInt } from '../domain/directory.rules';
import { slugPrefixPattern } from '../domain/tags';
import { userTagLabels } from '../domain/user-tags';
import { findLiveUserById } from '../domain/users';
import { GetOwnTagsQuery, SuggestTagsQuery, type TagSuggestion } from './suggest-tags.query';

export const SUGGESTION_LIMIT = { default: 10, max: 50 } as const;

function firstValue(params: Record<string, unknown>, name: string): string | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.replaceAll('\u0000', '').toWellFormed() : undefined;
}

@QueryHandler(SuggestTagsQuery)
export class SuggestTagsHandler implements IQueryHandler<SuggestTagsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ params }: SuggestTagsQuery): Promise<TagSuggestion[]> {
    const limitText = firstValue(params, 'limit');
    const limit = limitText === undefined || limitText === '' ? SUGGESTION_LIMIT.default : pythonInt(limitText);
    if (limit === undefined || limit < 1 || limit > SUGGESTION_LIMIT.max) {
      throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'limit' }));
    }
    const prefix = firstValue(params, 'prefix') ?? '';
    // Popularity: members (not deleted) holding the tag as a skill or an interest. The prefix is
    // matched on the slug through tags_slug_prefix_idx (text_pattern_ops).
    const rows = await (this.em.fork() as SqlEntityManager).execute<TagSuggestion[]>(
      `select t."label" as "tag", count(distinct ut."user_id")::int as "users"
       from "tags" t
       join "user_tags" ut on ut."tag_id" = t."id"
       join "users" u on u."id" = ut."user_id" and u."deleted_at" is null
       where t."slug" like ?
       group by t."id", t."label", t."slug"
       order by "users" desc, t."slug" asc
       limit ?`,
      [slugPrefixPattern(prefix), limit],
    );
    return rows.map((row) => ({ tag: row.tag, users: Number(row.users) }));
  }
}

@QueryHandler(GetOwnTagsQuery)
export class GetOwnTagsHandler implements IQueryHandler<GetOwnTagsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetOwnTagsQuery): Promise<{ skill_tags: string[]; interest_tags: string[] }> {
    const em = this.em.fork() as SqlEntityManager;
    if (!(await findLiveUserById(em, userId))) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    const labels = await userTagLabels(em, userId);
    return { skill_tags: labels.skill, interest_tags: labels.interest };
  }
}
