import type { AuditFacts } from '@app/platform';
import type { ProposalKind } from '../domain/relation-proposal.entity';

/** What every proposal event carries: enough to tell the parties without reading the rows again. */
export interface ProposalFacts {
  proposalId: number;
  relationId: number;
  mentorId: number;
  menteeId: number;
  proposerId: number;
  kind: ProposalKind;
  /** The proposed end date (change_end_date), else null. */
  endDate: number | null;
  /** The relation's end date when the event happened (before the change, for an accepted change). */
  relationEndDate: number;
}

export function proposalTarget(facts: ProposalFacts): AuditFacts {
  return {
    targetType: 'mentorship_relation',
    targetId: facts.relationId,
    details: {
      proposalId: facts.proposalId,
      kind: facts.kind,
      proposerId: facts.proposerId,
      endDate: facts.endDate,
      relationEndDate: facts.relationEndDate,
    },
  };
}
