import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A done task was opened again; the other party hears of it in a digest. */
@DomainEventType('tasks.task_reopened')
export class TaskReopened extends DomainEvent<TaskFacts> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
