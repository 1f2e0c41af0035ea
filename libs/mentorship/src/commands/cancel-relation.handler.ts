import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { relationFacts, releaseMemberships } from '../domain/active-mentorships';
import { RelationState } from '../domain/relation-state';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { lapseOpenProposal } from '../domain/proposals';
import { findRelationForUpdate } from '../domain/relations';
import { RelationCancelled } from '../events/relation-cancelled.event';
import { CancelRelationCommand } from './cancel-relation.command';

@CommandHandler(CancelRelationCommand)
export class CancelRelationHandler implements ICommandHandler<CancelRelationCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, call }: CancelRelationCommand): Promise<void> {
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, callerId);
      const relation = await findRelationForUpdate(tx.em, relationId);
      if (!relation) throw new ApiError(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST);
      if (relation.state !== RelationState.ACCEPTED) throw new ApiError(403, Messages.UNACCEPTED_STATE_RELATION);
      if (!relation.involves(callerId)) throw new ApiError(403, Messages.CANT_CANCEL_UNINVOLVED_REQUEST);
      relation.state = RelationState.CANCELLED;
      await releaseMemberships(tx.em, relation.id);
      await lapseOpenProposal(tx, relation, epochSeconds(), eventMeta(call));
      tx.record(new RelationCancelled({ ...relationFacts(relation), reason: 'cancelled_by_party' }, eventMeta(call)));
    });
  }
}
