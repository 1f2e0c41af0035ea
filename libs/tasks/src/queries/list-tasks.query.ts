import { Query } from '@nestjs/cqrs';
import type { TaskView } from '../http/task.presenter';

/** GET /mentorship_relation/{relation_id}/tasks. */
export class ListTasksQuery extends Query<TaskView[]> {
  constructor(
    readonly relationId: number,
    readonly callerId: number,
  ) {
    super();
  }
}
