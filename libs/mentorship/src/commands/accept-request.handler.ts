import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, isBlockedEitherWay } from '@app/accounts';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { claimMembership, isInAcceptedRelation, relationFacts } from '../domain/active-mentorships';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { findRelationForUpdate } from '../domain/relations';
import { RelationAccepted } from '../events/relation-accepted.event';
import { AcceptRequestCommand } from './accept-request.command';

@CommandHandler(AcceptRequestCommand)
export class AcceptRequestHandler implements ICommandHandler<AcceptRequestCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, call }: AcceptRequestCommand): Promise<void> {
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      const { em } = tx;
      await requireLiveCaller(em, callerId);
      const relation = await findRelationForUpdate(em, relationId);
      if (!relation) throw new ApiError(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST);
      if (relation.state !== RelationState.PENDING) throw new ApiError(403, Messages.NOT_PENDING_STATE_RELATION);
      if (relation.actionUserId === callerId) throw new ApiError(403, Messages.CANT_ACCEPT_MENTOR_REQ_SENT_BY_USER);
      if (!relation.involves(callerId)) throw new ApiError(403, Messages.CANT_ACCEPT_UNINVOLVED_MENTOR_RELATION);
      const now = epochSeconds();
      // Beyond the reference: a request whose end date has passed would start an already-finished relation.
      if (relation.endDate <= now) throw new ApiError(403, Messages.MENTORSHIP_REQUEST_HAS_EXPIRED);
      const counterpartBusy =
        relation.mentorId === callerId ? Messages.MENTEE_ALREADY_IN_A_RELATION : Messages.MENTOR_ALREADY_IN_A_RELATION;
      if (await isInAcceptedRelation(em, callerId))
        throw new ApiError(403, Messages.USER_IS_INVOLVED_IN_A_MENTORSHIP_RELATION);
      if (await isInAcceptedRelation(em, relation.otherParty(callerId))) throw new ApiError(400, counterpartBusy);
      // Beyond the reference: a block made while the request waited (its withdrawal follows through
      // the outbox a moment later) must not be overtaken by an accept in between.
      if (await isBlockedEitherWay(em, relation.mentorId, relation.menteeId)) {
        throw new ApiError(403, Messages.CANNOT_ACCEPT_BLOCKED_USER);
      }
      // The checks above read; these inserts decide, even against an accept committed a moment ago.
      if (!(await claimMembership(em, callerId, relation.id))) {
        throw new ApiError(403, Messages.USER_IS_INVOLVED_IN_A_MENTORSHIP_RELATION);
      }
      if (!(await claimMembership(em, relation.otherParty(callerId), relation.id))) {
        throw new ApiError(400, counterpartBusy);
      }
      relation.state = RelationState.ACCEPTED;
      relation.acceptDate = now;
      relation.startDate = now;
      tx.record(new RelationAccepted(relationFacts(relation), eventMeta(call)));
    });
  }
}
