import { ModuleRef } from '@nestjs/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import { RelationState } from '../domain/relation-state';
import { type DashboardView, groupDashboard } from '../http/relation.presenter';
import { GetDashboardQuery } from './get-dashboard.query';
import { relationsWithParties } from './relation-read-model';
import { relationTaskLists } from './relation-task-lists.provider';

/**
 * Two queries whatever the numbers: the relations with their parties, the current tasks (the
 * caller was read by the token guard).
 */
@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute({ userId }: GetDashboardQuery): Promise<DashboardView> {
    const em = this.em.fork();
    if (!(await findLiveUserById(em, userId))) throw new ApiError(404, Messages.USER_NOT_FOUND);
    const { relations, parties } = await relationsWithParties(em, userId);
    const dashboard: DashboardView = groupDashboard(relations, userId, parties);
    // The reference adds the task lists only while the user is in an ACCEPTED relation.
    const current = relations.find((relation) => relation.state === RelationState.ACCEPTED);
    if (current) {
      const { todo, done } = await relationTaskLists(this.moduleRef).tasksOf(current.id);
      dashboard.tasks_todo = todo;
      dashboard.tasks_done = done;
    }
    return dashboard;
  }
}
