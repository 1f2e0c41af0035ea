import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { ProposalKind, RelationProposal } from '../domain/relation-proposal.entity';

/** POST /mentorship_relation/{request_id}/proposals (a body the DTO has checked). */
export class MakeProposalCommand extends Command<RelationProposal> {
  constructor(
    readonly relationId: number,
    readonly kind: ProposalKind,
    /** The proposed end date (change_end_date), else null. */
    readonly endDate: number | null,
    readonly call: CallContext,
  ) {
    super();
  }
}
