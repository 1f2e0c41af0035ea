import type { Task, TaskComment } from '../domain/task.entity';

/** What the task presenter shows (an entity, or a row of a read). */
export type TaskRecord = Pick<Task, 'number' | 'description' | 'createdAt' | 'completedAt' | 'createdBy'>;

/** The reference's list_tasks_response_body, plus who created the task. */
export function presentTask(task: TaskRecord) {
  return {
    id: task.number,
    description: task.description,
    created_at: task.createdAt,
    completed_at: task.completedAt,
    created_by: task.createdBy,
  };
}

/** What the comment presenter shows (an entity, or a row of a read). */
export type CommentRecord = Pick<
  TaskComment,
  'id' | 'userId' | 'relationId' | 'creationDate' | 'modificationDate' | 'comment'
>;

/** The reference's task comment model, plus the author's name. */
export function presentComment(comment: CommentRecord, taskNumber: number, authorName: string | null) {
  return {
    id: comment.id,
    user_id: comment.userId,
    user_name: authorName,
    task_id: taskNumber,
    relation_id: comment.relationId,
    creation_date: comment.creationDate,
    modification_date: comment.modificationDate,
    comment: comment.comment,
  };
}

export type TaskView = ReturnType<typeof presentTask>;
export type CommentView = ReturnType<typeof presentComment>;

export interface CommentPage {
  comments: CommentView[];
  total: number;
  /** Set when the client asked for a page. */
  paging?: { page: number; perPage: number };
}
