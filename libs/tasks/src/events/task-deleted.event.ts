import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A task (and its comments) was deleted. */
@DomainEventType('tasks.task_deleted')
export class TaskDeleted extends DomainEvent<TaskFacts> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
