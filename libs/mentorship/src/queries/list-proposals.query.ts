import { Query } from '@nestjs/cqrs';
import type { ProposalView } from '../http/proposal.presenter';

/** GET /mentorship_relation/{request_id}/proposals: every proposal of the relation, newest first (parties only). */
export class ListProposalsQuery extends Query<ProposalView[]> {
  constructor(
    readonly relationId: number,
    readonly userId: number,
  ) {
    super();
  }
}
