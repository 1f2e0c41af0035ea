import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById, parsePaging, requireLiveCaller } from '@app/accounts';
import { ApiError, Messages, totalCountBound, totalFromBoundedCount } from '@app/platform';
import type { PartyRole } from '../domain/relation-feedback.entity';
import { presentTestimonial, type TestimonialPage } from '../http/feedback.presenter';
import { ListTestimonialsQuery } from './list-testimonials.query';

interface TestimonialRow {
  id: number;
  rating: number;
  testimonial: string;
  author_id: number;
  author_name: string | null;
  subject_role: PartyRole;
  relation_id: number;
  start_date: number | string | null;
  end_date: number | string;
  created_at: number | string;
  updated_at: number | string;
}

/** Shown on a profile: a testimonial that an admin has not hidden. Served by relation_feedback_testimonials_idx. */
const SHOWN = `f."subject_id" = ? and f."testimonial" is not null and f."hidden_at" is null`;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * A member's testimonials, newest first, with the author's name and the relation's dates: one
 * statement for the page, one bounded count for the total.
 */
@QueryHandler(ListTestimonialsQuery)
export class ListTestimonialsHandler implements IQueryHandler<ListTestimonialsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, callerId, params }: ListTestimonialsQuery): Promise<TestimonialPage> {
    const em = this.em.fork() as SqlEntityManager;
    await requireLiveCaller(em, callerId);
    const user = await findLiveUserById(em, userId);
    if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    const { page, perPage } = parsePaging(first(params.page), first(params.per_page));
    const bound = totalCountBound(page, perPage);
    const [{ matches }] = await em.execute<Array<{ matches: number }>>(
      `select count(*)::int as "matches" from (select 1 from "relation_feedback" f where ${SHOWN} limit ?) as "bounded"`,
      [user.id, bound],
    );
    const total = totalFromBoundedCount(matches, bound);
    if (perPage === 0) return { testimonials: [], total, page, perPage };
    const rows = await em.execute<TestimonialRow[]>(
      `select f."id", f."rating", f."testimonial", f."author_id", coalesce(a."name", a."username") as "author_name",
              f."subject_role", f."relation_id", r."start_date", r."end_date", f."created_at", f."updated_at"
         from "relation_feedback" f
         join "mentorship_relations" r on r."id" = f."relation_id"
         left join "users" a on a."id" = f."author_id"
        where ${SHOWN}
        order by f."created_at" desc, f."id" desc
        limit ? offset ?`,
      [user.id, perPage, (page - 1) * perPage],
    );
    return {
      testimonials: rows.map((row) =>
        presentTestimonial({
          id: row.id,
          rating: row.rating,
          testimonial: row.testimonial,
          authorId: row.author_id,
          authorName: row.author_name,
          subjectRole: row.subject_role,
          relationId: row.relation_id,
          startDate: row.start_date === null ? null : Number(row.start_date),
          endDate: Number(row.end_date),
          createdAt: Number(row.created_at),
          updatedAt: Number(row.updated_at),
        }),
      ),
      total,
      page,
      perPage,
    };
  }
}
