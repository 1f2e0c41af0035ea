import type { AuditFacts } from '@app/platform';

/** Audit facts of an event about one user. */
export const userTarget = (userId: number, details: Record<string, unknown> = {}): AuditFacts => ({
  targetType: 'user',
  targetId: userId,
  details,
});
