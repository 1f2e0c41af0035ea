import type { AuditFacts } from '@app/platform';

/** What every relation event carries: enough to tell both parties without reading the row again. */
export interface RelationFacts {
  relationId: number;
  mentorId: number;
  menteeId: number;
  /** Who sent the request. */
  actionUserId: number;
  endDate: number;
}

export function relationTarget(facts: RelationFacts, details: Record<string, unknown> = {}): AuditFacts {
  return {
    targetType: 'mentorship_relation',
    targetId: facts.relationId,
    details: { mentorId: facts.mentorId, menteeId: facts.menteeId, ...details },
  };
}
