import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { type AchievementView, type DashboardTaskView, RelationTaskLists } from '@app/mentorship';

interface AchievementRow {
  number: number;
  description: string;
  created_at: number;
  completed_at: number | null;
}

/** The mentorship lib's questions about tasks (/home achievements, /dashboard lists), one query each. */
@Injectable()
export class TaskListsForRelations extends RelationTaskLists {
  constructor(private readonly em: EntityManager) {
    super();
  }

  /**
   * The reference walks the done tasks of the user's relations as mentor, then as mentee (each by
   * relation, then task order), keeps the last three and sorts them newest first.
   */
  async achievements(userId: number): Promise<AchievementView[]> {
    const rows = await (this.em.fork() as SqlEntityManager).execute<AchievementRow[]>(
      `select t."number", t."description", t."created_at", t."completed_at"
         from "tasks" t join "mentorship_relations" r on r."id" = t."relation_id"
        where t."is_done" and t."hidden_at" is null and (r."mentor_id" = ? or r."mentee_id" = ?)
        order by (r."mentor_id" = ?) asc, r."id" desc, t."number" desc
        limit 3`,
      [userId, userId, userId],
    );
    return rows
      .map((row) => ({
        id: row.number,
        description: row.description,
        is_done: true,
        created_at: Number(row.created_at),
        completed_at: row.completed_at === null ? null : Number(row.completed_at),
      }))
      .sort((a, b) => (b.completed_at ?? 0) - (a.completed_at ?? 0));
  }

  async tasksOf(relationId: number): Promise<{ todo: DashboardTaskView[]; done: DashboardTaskView[] }> {
    const rows = await (this.em.fork() as SqlEntityManager).execute<Array<AchievementRow & { is_done: boolean }>>(
      `select "number", "description", "is_done", "created_at", "completed_at"
         from "tasks" where "relation_id" = ? and "hidden_at" is null order by "number"`,
      [relationId],
    );
    const view = (row: AchievementRow): DashboardTaskView => ({
      id: row.number,
      description: row.description,
      created_at: Number(row.created_at),
      completed_at: row.completed_at === null ? null : Number(row.completed_at),
    });
    return {
      todo: rows.filter((row) => !row.is_done).map(view),
      done: rows.filter((row) => row.is_done).map(view),
    };
  }
}
