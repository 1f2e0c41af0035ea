import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { RelationProposal } from '../domain/relation-proposal.entity';

/** DELETE /mentorship_relation/{request_id}/proposals/{proposal_id}: the proposer takes it back. */
export class WithdrawProposalCommand extends Command<RelationProposal> {
  constructor(
    readonly relationId: number,
    readonly proposalId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
