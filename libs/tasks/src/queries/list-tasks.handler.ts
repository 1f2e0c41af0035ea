import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireParty } from '../domain/task-access';
import { Task } from '../domain/task.entity';
import { presentTask, type TaskView } from '../http/task.presenter';
import { ListTasksQuery } from './list-tasks.query';

@QueryHandler(ListTasksQuery)
export class ListTasksHandler implements IQueryHandler<ListTasksQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, callerId }: ListTasksQuery): Promise<TaskView[]> {
    const em = this.em.fork();
    const relation = await relationOr404(em, relationId);
    await requireLiveCaller(em, callerId);
    // No state check: tasks of finished relations stay readable, as in the reference.
    requireParty(relation, callerId);
    const tasks = await em.find(Task, { relationId }, { orderBy: { number: 'asc' } });
    return tasks.map(presentTask);
  }
}
