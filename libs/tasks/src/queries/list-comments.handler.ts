import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import { parsePaging } from '@app/accounts';
import { isRowId, requireAccepted, requireParty } from '../domain/task-access';
import type { RelationState } from '@app/mentorship';
import { type CommentPage, presentComment } from '../http/task.presenter';
import { ListCommentsQuery } from './list-comments.query';

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

interface PreconditionRow {
  mentor_id: number;
  mentee_id: number;
  state: number;
  task_id: number | null;
}

interface CommentRow {
  id: number;
  user_id: number;
  relation_id: number;
  creation_date: number;
  modification_date: number | null;
  comment: string;
  user_name: string | null;
  total: string | number;
}

/**
 * The comments of a task: one statement for the relation and the task (checked in the reference's
 * order), one for the page with the authors' names and the total (a window count).
 */
@QueryHandler(ListCommentsQuery)
export class ListCommentsHandler implements IQueryHandler<ListCommentsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, taskNumber, callerId, params }: ListCommentsQuery): Promise<CommentPage> {
    const em = this.em.fork() as SqlEntityManager;
    const [found] = isRowId(relationId)
      ? await em.execute<PreconditionRow[]>(
          `select r."mentor_id", r."mentee_id", r."state", t."id" as "task_id"
             from "mentorship_relations" r left join "tasks" t on t."relation_id" = r."id" and t."number" = ? and t."hidden_at" is null
            where r."id" = ?`,
          [isRowId(taskNumber) ? taskNumber : 0, relationId],
        )
      : [];
    if (!found) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    requireParty({ mentorId: found.mentor_id, menteeId: found.mentee_id }, callerId);
    requireAccepted({ state: Number(found.state) as RelationState });
    if (found.task_id === null) throw new ApiError(404, Messages.TASK_DOES_NOT_EXIST);

    // Without page/per_page every comment, as the reference answers; with them, the directory's paging.
    const asked = params.page !== undefined || params.per_page !== undefined;
    const paging = asked ? parsePaging(first(params.page), first(params.per_page)) : undefined;
    const rows =
      paging?.perPage === 0
        ? []
        : await em.execute<CommentRow[]>(
            `select c."id", c."user_id", c."relation_id", c."creation_date", c."modification_date", c."comment",
                    u."name" as "user_name", count(*) over () as "total"
               from "task_comments" c left join "users" u on u."id" = c."user_id"
              where c."task_id" = ? and c."relation_id" = ? and c."hidden_at" is null
              order by c."id"${paging ? ' limit ? offset ?' : ''}`,
            [found.task_id, relationId, ...(paging ? [paging.perPage, (paging.page - 1) * paging.perPage] : [])],
          );
    // An empty page (per_page 0, or past the end) has no row to carry the total.
    const total =
      rows.length > 0
        ? Number(rows[0].total)
        : paging
          ? Number(
              (
                await em.execute<Array<{ total: string | number }>>(
                  `select count(*) as "total" from "task_comments" where "task_id" = ? and "relation_id" = ? and "hidden_at" is null`,
                  [found.task_id, relationId],
                )
              )[0].total,
            )
          : 0;
    return {
      comments: rows.map((row) =>
        presentComment(
          {
            id: row.id,
            userId: row.user_id,
            relationId: row.relation_id,
            creationDate: Number(row.creation_date),
            modificationDate: row.modification_date === null ? null : Number(row.modification_date),
            comment: row.comment,
          },
          taskNumber,
          row.user_name,
        ),
      ),
      total,
      paging,
    };
  }
}
