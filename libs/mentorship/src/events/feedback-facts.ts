import type { AuditFacts } from '@app/platform';
import type { PartyRole } from '../domain/relation-feedback.entity';

/** What every feedback event carries. The testimonial's text stays out of events and the audit log. */
export interface FeedbackFacts {
  feedbackId: number;
  relationId: number;
  authorId: number;
  subjectId: number;
  /** The rated party's role in the relation. */
  subjectRole: PartyRole;
  rating: number;
  hasTestimonial: boolean;
}

export function feedbackTarget(facts: FeedbackFacts, details: Record<string, unknown> = {}): AuditFacts {
  return {
    targetType: 'relation_feedback',
    targetId: facts.feedbackId,
    details: {
      relationId: facts.relationId,
      authorId: facts.authorId,
      subjectId: facts.subjectId,
      subjectRole: facts.subjectRole,
      rating: facts.rating,
      ...details,
    },
  };
}
