import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { epochSeconds } from '@app/accounts';
import { relationFacts, releaseMemberships } from '../domain/active-mentorships';
import { lapseOpenProposal } from '../domain/proposals';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationState } from '../domain/relation-state';
import { RelationCancelled } from '../events/relation-cancelled.event';
import { RelationRequestWithdrawn } from '../events/relation-request-withdrawn.event';
import { DetachDeletedUserCommand } from './detach-deleted-user.command';

/**
 * The other party of a deleted account is freed: the ACCEPTED relation becomes CANCELLED (its
 * history stays, showing the anonymised account) and PENDING requests either way are dropped.
 * Idempotent, since the relay may deliver UserDeleted more than once.
 */
@CommandHandler(DetachDeletedUserCommand)
export class DetachDeletedUserHandler implements ICommandHandler<DetachDeletedUserCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ userId, requestId }: DetachDeletedUserCommand): Promise<void> {
    const meta = { actorId: userId, requestId };
    await this.uow.run(async (tx) => {
      const relations = await tx.em.find(
        MentorshipRelation,
        {
          $or: [{ mentorId: userId }, { menteeId: userId }],
          state: { $in: [RelationState.PENDING, RelationState.ACCEPTED] },
        },
        { orderBy: { id: 'asc' } },
      );
      for (const relation of relations) {
        if (relation.state === RelationState.ACCEPTED) {
          relation.state = RelationState.CANCELLED;
          await releaseMemberships(tx.em, relation.id);
          await lapseOpenProposal(tx, relation, epochSeconds(), meta);
          tx.record(new RelationCancelled({ ...relationFacts(relation), reason: 'account_deleted' }, meta));
        } else {
          tx.record(new RelationRequestWithdrawn({ ...relationFacts(relation), reason: 'account_deleted' }, meta));
          tx.em.remove(relation);
        }
      }
    });
  }
}
