import { LockMode } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import { RelationFeedback } from './relation-feedback.entity';
import { isSerialId } from './relations';

/** A feedback with a testimonial, row-locked until the transaction ends; 404 otherwise. */
export async function lockTestimonial(em: SqlEntityManager, feedbackId: number): Promise<RelationFeedback> {
  const feedback = isSerialId(feedbackId)
    ? await em.findOne(RelationFeedback, { id: feedbackId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (feedback?.testimonial == null) throw new ApiError(404, Messages.TESTIMONIAL_DOES_NOT_EXIST);
  return feedback;
}
