import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A task's description was edited. */
@DomainEventType('tasks.task_updated')
export class TaskUpdated extends DomainEvent<TaskFacts> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
