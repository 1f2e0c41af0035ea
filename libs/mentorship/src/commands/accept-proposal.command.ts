import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { RelationProposal } from '../domain/relation-proposal.entity';

/** PUT /mentorship_relation/{request_id}/proposals/{proposal_id}/accept: the other party consents. */
export class AcceptProposalCommand extends Command<RelationProposal> {
  constructor(
    readonly relationId: number,
    readonly proposalId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
