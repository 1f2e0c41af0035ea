import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import { requireLiveCaller } from '@app/accounts';
import { isRowId, requireParty } from '../domain/task-access';
import { presentTask, type TaskView } from '../http/task.presenter';
import { ListTasksQuery } from './list-tasks.query';

interface RelationTaskRow {
  mentor_id: number;
  mentee_id: number;
  number: number | null;
  description: string;
  created_at: number;
  completed_at: number | null;
  created_by: number | null;
}

/** The relation and its tasks in one statement, read straight into views. */
@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, callerId }: ListTasksQuery): Promise<TaskView[]> {
    const em = this.em.fork() as SqlEntityManager;
    const rows = isRowId(relationId)
      ? await em.execute<RelationTaskRow[]>(
          `select r."mentor_id", r."mentee_id", t."number", t."description", t."created_at", t."completed_at", t."created_by"
             from "mentorship_relations" r left join "tasks" t on t."relation_id" = r."id" and t."hidden_at" is null
            where r."id" = ? order by t."number"`,
          [relationId],
        )
      : [];
    if (rows.length === 0) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    await requireLiveCaller(em, callerId);
    // No state check: tasks of finished relations stay readable, as in the reference.
    requireParty({ mentorId: rows[0].mentor_id, menteeId: rows[0].mentee_id }, callerId);
    return rows
      .filter((row) => row.number !== null)
      .map((row) =>
        presentTask({
          number: row.number as number,
          description: row.description,
          createdAt: Number(row.created_at),
          completedAt: row.completed_at === null ? null : Number(row.completed_at),
          createdBy: row.created_by,
        }),
      );
  }
}
