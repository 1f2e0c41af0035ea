import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { TaskCommented, TaskCompleted, TaskCreated, TaskReopened } from '@app/tasks';
import { type DomainEventHandler, OnDomainEvent } from '@app/platform';
import type { DigestItem, DigestItemKind } from '../templates/task-digest.template';

type TaskActivity = TaskCreated | TaskCompleted | TaskReopened | TaskCommented;

function kindOf(event: TaskActivity): DigestItemKind {
  if (event instanceof TaskCreated) return 'created';
  if (event instanceof TaskCompleted) return 'completed';
  if (event instanceof TaskReopened) return 'reopened';
  return 'commented';
}

/**
 * Task activity is not mailed one event at a time: it is added to the other party's digest for the
 * relation, which TaskDigestSender mails once the burst is over. Idempotent by event id; nothing is
 * collected for a relation deleted since.
 */
@OnDomainEvent(TaskCreated, TaskCompleted, TaskReopened, TaskCommented)
export class CollectTaskDigestWhenTaskActivity implements DomainEventHandler<TaskActivity> {
  constructor(private readonly em: EntityManager) {}

  async handle(event: TaskActivity): Promise<void> {
    const actorId = event.meta.actorId;
    if (typeof actorId !== 'number') return;
    const { payload } = event;
    const recipientId = actorId === payload.mentorId ? payload.menteeId : payload.mentorId;
    const item: DigestItem = {
      eventId: event.eventId,
      kind: kindOf(event),
      taskNumber: payload.taskNumber,
      description: payload.description,
      actorId,
      ...(event instanceof TaskCommented ? { comment: event.payload.comment } : {}),
    };
    await (this.em.fork() as SqlEntityManager).execute(
      `insert into "task_digests" ("relation_id", "recipient_id", "items", "first_pending_at")
       select ?, ?, jsonb_build_array(?::jsonb), now()
        where exists (select 1 from "mentorship_relations" where "id" = ?)
       on conflict ("relation_id", "recipient_id") do update set
         "items" = case when "task_digests"."items" @> jsonb_build_array(jsonb_build_object('eventId', ?::text))
                        then "task_digests"."items" else "task_digests"."items" || excluded."items" end,
         "first_pending_at" = coalesce("task_digests"."first_pending_at", now())`,
      [payload.relationId, recipientId, JSON.stringify(item), payload.relationId, event.eventId],
    );
  }
}
