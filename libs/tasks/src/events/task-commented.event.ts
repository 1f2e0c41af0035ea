import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';
import { type TaskFacts, taskTarget } from './task-facts';

/** A comment was added to a task; the other party hears of it in a digest. */
@DomainEventType('tasks.task_commented')
export class TaskCommented extends DomainEvent<TaskFacts & { commentId: number; comment: string }> {
  override auditFacts(): AuditFacts {
    return taskTarget(this.payload);
  }
}
