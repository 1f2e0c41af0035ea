import type { ProposalKind, ProposalState } from '../domain/relation-proposal.entity';

/** What the presenters show of a proposal (an entity, or a row of a read). */
export interface ProposalRecord {
  id: number;
  relationId: number;
  proposerId: number;
  kind: ProposalKind;
  endDate: number | null;
  state: ProposalState;
  createdAt: number;
  decidedAt: number | null;
}

/** A proposal as the API shows it, alone or as a relation's `open_proposal`. */
export function presentProposal(proposal: ProposalRecord, callerId: number) {
  return {
    id: proposal.id,
    relation_id: proposal.relationId,
    kind: proposal.kind,
    end_date: proposal.endDate,
    proposed_by: proposal.proposerId,
    proposed_by_me: proposal.proposerId === callerId,
    state: proposal.state,
    created_at: proposal.createdAt,
    decided_at: proposal.decidedAt,
  };
}

export type ProposalView = ReturnType<typeof presentProposal>;
