import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A task was added to an ACCEPTED relation; the other party hears of it in a digest. */
@DomainEventType('tasks.task_created')
export class TaskCreated extends DomainEvent<TaskFacts> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
