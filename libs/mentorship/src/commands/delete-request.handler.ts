import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { relationFacts } from '../domain/active-mentorships';
import { RelationState } from '../domain/relation-state';
import { requireLiveCaller } from '@app/accounts';
import { findRelationForUpdate } from '../domain/relations';
import { RelationRequestWithdrawn } from '../events/relation-request-withdrawn.event';
import { DeleteRequestCommand } from './delete-request.command';

@CommandHandler(DeleteRequestCommand)
export class DeleteRequestHandler implements ICommandHandler<DeleteRequestCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, call }: DeleteRequestCommand): Promise<void> {
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, callerId);
      const relation = await findRelationForUpdate(tx.em, relationId);
      if (!relation) throw new ApiError(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST);
      if (relation.state !== RelationState.PENDING) throw new ApiError(403, Messages.NOT_PENDING_STATE_RELATION);
      if (relation.actionUserId !== callerId) throw new ApiError(403, Messages.CANT_DELETE_UNINVOLVED_REQUEST);
      const facts = relationFacts(relation);
      // Hard delete, as the reference; its tasks and comments go with it (foreign keys cascade).
      tx.em.remove(relation);
      tx.record(new RelationRequestWithdrawn({ ...facts, reason: 'deleted_by_sender' }, eventMeta(call)));
    });
  }
}
