import { LockMode } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import type { MentorshipRelation } from './mentorship-relation.entity';
import { type ProposalAnswer, proposalAnswerError } from './proposal.rules';
import { RelationProposal } from './relation-proposal.entity';
import { isSerialId, relationOfParty } from './relations';

/**
 * The open proposal a party answers (accept, decline, withdraw), checked in order: the relation
 * (404), the proposal of that relation (404), who may answer (403), still open (409).
 */
export async function proposalToAnswer(
  em: SqlEntityManager,
  relationId: number,
  proposalId: number,
  callerId: number,
  answer: ProposalAnswer,
): Promise<{ relation: MentorshipRelation; proposal: RelationProposal }> {
  const relation = await relationOfParty(em, relationId, callerId, LockMode.PESSIMISTIC_WRITE);
  const proposal = isSerialId(proposalId)
    ? await em.findOne(RelationProposal, { id: proposalId, relationId: relation.id })
    : null;
  if (!proposal) throw new ApiError(404, Messages.PROPOSAL_DOES_NOT_EXIST);
  const refused = proposalAnswerError(answer, proposal.proposerId, callerId);
  if (refused) throw new ApiError(403, refused);
  if (proposal.state !== 'open') throw new ApiError(409, Messages.PROPOSAL_IS_NOT_OPEN);
  return { relation, proposal };
}
