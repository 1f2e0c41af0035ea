import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * A task of a mentorship relation. `number` is the id the API shows: per relation, from 1, never
 * reused (allocated from task_counters).
 */
@Entity({ tableName: 'tasks' })
@Unique({ name: 'tasks_relation_number_unique', properties: ['relationId', 'number'] })
export class Task {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  relationId: number;

  @Property({ type: 'integer' })
  number: number;

  @Property({ type: 'text' })
  description: string;

  @Property({ type: 'boolean', default: false })
  isDone: boolean = false;

  /** Epoch seconds. */
  @Property({ type: 'double' })
  createdAt: number;

  @Property({ type: 'double', nullable: true })
  completedAt: number | null = null;

  @Property({ type: 'integer', nullable: true })
  createdBy: number | null = null;

  /** Set when an admin hid it after a report (libs/moderation): left out of lists, 404 by id. */
  @Property({ type: 'double', nullable: true })
  hiddenAt: number | null = null;
}

/** A comment on a task, with a real foreign key to it (the reference's pointed at the wrong table). */
@Entity({ tableName: 'task_comments' })
@Index({ name: 'task_comments_task_idx', properties: ['taskId', 'id'] })
export class TaskComment {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  /** The task's row id (not its per-relation number). */
  @Property({ type: 'integer' })
  taskId: number;

  @Property({ type: 'integer' })
  relationId: number;

  @Property({ type: 'integer' })
  userId: number;

  @Property({ type: 'text' })
  comment: string;

  @Property({ type: 'double' })
  creationDate: number;

  @Property({ type: 'double', nullable: true })
  modificationDate: number | null = null;

  /** Set when an admin hid it after a report (libs/moderation): left out of lists, 404 by id. */
  @Property({ type: 'double', nullable: true })
  hiddenAt: number | null = null;
}
