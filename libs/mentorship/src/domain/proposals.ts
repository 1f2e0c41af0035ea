import type { EventMeta, TransactionContext } from '@app/platform';
import { ProposalLapsed } from '../events/proposal-lapsed.event';
import type { ProposalFacts } from '../events/proposal-facts';
import type { MentorshipRelation } from './mentorship-relation.entity';
import { RelationProposal } from './relation-proposal.entity';

export function proposalFacts(proposal: RelationProposal, relation: MentorshipRelation): ProposalFacts {
  return {
    proposalId: proposal.id,
    relationId: relation.id,
    mentorId: relation.mentorId,
    menteeId: relation.menteeId,
    proposerId: proposal.proposerId,
    kind: proposal.kind,
    endDate: proposal.endDate,
    relationEndDate: relation.endDate,
  };
}

/**
 * The relation is ending (cancelled, completed, a party deleted): its open proposal, if any, lapses
 * in the same transaction. The caller holds the relation's row lock, so no proposal opens meanwhile.
 */
export async function lapseOpenProposal(
  tx: TransactionContext,
  relation: MentorshipRelation,
  now: number,
  meta: EventMeta,
): Promise<void> {
  const open = await tx.em.findOne(RelationProposal, { relationId: relation.id, state: 'open' });
  if (!open) return;
  open.state = 'lapsed';
  open.decidedAt = now;
  tx.record(new ProposalLapsed(proposalFacts(open, relation), meta));
}
