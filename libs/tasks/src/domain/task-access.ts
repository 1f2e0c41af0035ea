import type { EntityManager } from '@mikro-orm/core';
import { MentorshipRelation, RelationState } from '@app/mentorship';
import { ApiError, Messages } from '@app/platform';
import { Task, TaskComment } from './task.entity';

export const isRowId = (id: number) => Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;

/** 404 "Mentorship relation does not exist." unless it does. */
export async function relationOr404(em: EntityManager, relationId: number): Promise<MentorshipRelation> {
  const relation = isRowId(relationId) ? await em.findOne(MentorshipRelation, { id: relationId }) : null;
  if (!relation) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
  return relation;
}

/** "Not involved": the reference answers 401 on every task route but create (403). */
export function requireParty(
  relation: Pick<MentorshipRelation, 'mentorId' | 'menteeId'>,
  callerId: number,
  status: 401 | 403 = 401,
): void {
  if (relation.mentorId !== callerId && relation.menteeId !== callerId) {
    throw new ApiError(status, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
  }
}

export function requireAccepted(relation: Pick<MentorshipRelation, 'state'>): void {
  if (relation.state !== RelationState.ACCEPTED) throw new ApiError(403, Messages.UNACCEPTED_STATE_RELATION);
}

/** The task numbered `taskNumber` in the relation, or 404 "Task does not exist." (also when hidden by an admin). */
export async function taskOr404(em: EntityManager, relationId: number, taskNumber: number): Promise<Task> {
  const task = isRowId(taskNumber) ? await em.findOne(Task, { relationId, number: taskNumber, hiddenAt: null }) : null;
  if (!task) throw new ApiError(404, Messages.TASK_DOES_NOT_EXIST);
  return task;
}

/**
 * The reference's validate_data_for_task_comment, in its order: the relation, the caller's part in
 * it (401), its state (403), the task (404).
 */
export async function commentPrecondition(
  em: EntityManager,
  relationId: number,
  taskNumber: number,
  callerId: number,
): Promise<{ relation: MentorshipRelation; task: Task }> {
  const relation = await relationOr404(em, relationId);
  requireParty(relation, callerId);
  requireAccepted(relation);
  return { relation, task: await taskOr404(em, relationId, taskNumber) };
}

/** A comment to change: it exists (404), it is the caller's (403), it belongs to this task (404). */
export async function ownCommentOf(
  em: EntityManager,
  task: Task,
  commentId: number,
  callerId: number,
  notAuthorMessage: string,
): Promise<TaskComment> {
  // A comment hidden by an admin is answered as a missing one.
  const comment = isRowId(commentId) ? await em.findOne(TaskComment, { id: commentId, hiddenAt: null }) : null;
  if (!comment) throw new ApiError(404, Messages.TASK_COMMENT_DOES_NOT_EXIST);
  if (comment.userId !== callerId) throw new ApiError(403, notAuthorMessage);
  if (comment.taskId !== task.id) throw new ApiError(404, Messages.TASK_COMMENT_WITH_GIVEN_TASK_ID_DOES_NOT_EXIST);
  return comment;
}
