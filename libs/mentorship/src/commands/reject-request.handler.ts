import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { relationFacts } from '../domain/active-mentorships';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { findRelationForUpdate } from '../domain/relations';
import { RelationRejected } from '../events/relation-rejected.event';
import { RejectRequestCommand } from './reject-request.command';

@CommandHandler(RejectRequestCommand)
export class RejectRequestHandler implements ICommandHandler<RejectRequestCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, call }: RejectRequestCommand): Promise<void> {
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, callerId);
      const relation = await findRelationForUpdate(tx.em, relationId);
      if (!relation) throw new ApiError(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST);
      if (relation.state !== RelationState.PENDING) throw new ApiError(403, Messages.NOT_PENDING_STATE_RELATION);
      if (relation.actionUserId === callerId) throw new ApiError(403, Messages.USER_CANT_REJECT_REQUEST_SENT_BY_USER);
      if (!relation.involves(callerId)) throw new ApiError(403, Messages.CANT_REJECT_UNINVOLVED_RELATION_REQUEST);
      relation.state = RelationState.REJECTED;
      tx.record(new RelationRejected(relationFacts(relation), eventMeta(call)));
    });
  }
}
