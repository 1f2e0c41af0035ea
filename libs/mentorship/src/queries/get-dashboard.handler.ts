import { ModuleRef } from '@nestjs/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import { RelationState } from '../domain/relation-state';
import { type DashboardView, groupDashboard, loadParties } from '../http/relation.presenter';
import { GetDashboardQuery } from './get-dashboard.query';
import { relationsOf } from './list-relations.handler';
import { relationTaskLists } from './relation-task-lists.provider';

/** Four queries whatever the numbers: the user, the relations, their parties, the current tasks. */
@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute({ userId }: GetDashboardQuery): Promise<DashboardView> {
    const em = this.em.fork();
    if (!(await findLiveUserById(em, userId))) throw new ApiError(404, Messages.USER_NOT_FOUND);
    const relations = await relationsOf(em, userId);
    const parties = await loadParties(em, relations);
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
