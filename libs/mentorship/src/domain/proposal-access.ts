import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, Messages } from '@app/platform';
import type { MentorshipRelation } from './mentorship-relation.entity';
import { type ProposalAnswer, proposalAnswerError } from './proposal.rules';
import { RelationProposal } from './relation-proposal.entity';
import { findRelationForUpdate } from './relations';

/**
 * The relation of a proposals route, row-locked until the transaction ends. Missing, or the
 * caller is not a party: the same 404, so outsiders learn nothing of it.
 */
export async function lockRelationOfParty(
  em: SqlEntityManager,
  relationId: number,
  callerId: number,
): Promise<MentorshipRelation> {
  const relation = await findRelationForUpdate(em, relationId);
  if (!relation?.involves(callerId)) throw new ApiError(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
  return relation;
}

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
  const relation = await lockRelationOfParty(em, relationId, callerId);
  const proposal =
    Number.isSafeInteger(proposalId) && proposalId >= 1 && proposalId <= 2_147_483_647
      ? await em.findOne(RelationProposal, { id: proposalId, relationId: relation.id })
      : null;
  if (!proposal) throw new ApiError(404, Messages.PROPOSAL_DOES_NOT_EXIST);
  const refused = proposalAnswerError(answer, proposal.proposerId, callerId);
  if (refused) throw new ApiError(403, refused);
  if (proposal.state !== 'open') throw new ApiError(409, Messages.PROPOSAL_IS_NOT_OPEN);
  return { relation, proposal };
}
