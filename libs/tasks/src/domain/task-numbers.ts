import type { EntityManager } from '@mikro-orm/sql';
import type { MentorshipRelation } from '@app/mentorship';
import type { TaskFacts } from '../events/task-facts';
import type { Task } from './task.entity';

/**
 * The next task number of a relation: one upsert on its counter row, which also serialises
 * concurrent creations, so both parties creating at once get distinct consecutive numbers.
 */
export async function nextTaskNumber(em: EntityManager, relationId: number): Promise<number> {
  const rows = await em.execute<Array<{ next_number: number }>>(
    `insert into "task_counters" ("relation_id", "next_number") values (?, 2)
     on conflict ("relation_id") do update set "next_number" = "task_counters"."next_number" + 1
     returning "next_number"`,
    [relationId],
  );
  return rows[0].next_number - 1;
}

export function taskFacts(relation: MentorshipRelation, task: Task): TaskFacts {
  return {
    relationId: relation.id,
    mentorId: relation.mentorId,
    menteeId: relation.menteeId,
    taskNumber: task.number,
    description: task.description,
  };
}
