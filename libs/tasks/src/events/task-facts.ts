import type { AuditFacts } from '@app/platform';

/** What every task event carries: the relation, the task's per-relation id and who acted. */
export interface TaskFacts {
  relationId: number;
  mentorId: number;
  menteeId: number;
  taskNumber: number;
  description: string;
}

export function taskTarget(facts: TaskFacts, details: Record<string, unknown> = {}): AuditFacts {
  return {
    targetType: 'task',
    targetId: `${facts.relationId}/${facts.taskNumber}`,
    details: { relationId: facts.relationId, taskNumber: facts.taskNumber, ...details },
  };
}
