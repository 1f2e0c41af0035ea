import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A task was marked done; the other party hears of it in a digest. */
@DomainEventType('tasks.task_completed')
export class TaskCompleted extends DomainEvent<TaskFacts> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
