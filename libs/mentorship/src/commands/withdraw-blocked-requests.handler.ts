import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { relationFacts } from '../domain/active-mentorships';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationState } from '../domain/relation-state';
import { RelationRequestWithdrawn } from '../events/relation-request-withdrawn.event';
import { WithdrawBlockedRequestsCommand } from './withdraw-blocked-requests.command';

/**
 * The PENDING requests between a blocker and the member they blocked, either way, are deleted
 * (as DELETE /mentorship_relation/{id} does), each recorded as withdrawn with the reason 'blocked'
 * and the blocker as actor. The ACCEPTED relation, if any, stays. Idempotent (a second delivery
 * finds nothing pending).
 */
@CommandHandler(WithdrawBlockedRequestsCommand)
export class WithdrawBlockedRequestsHandler implements ICommandHandler<WithdrawBlockedRequestsCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ blockerId, blockedId, requestId }: WithdrawBlockedRequestsCommand): Promise<void> {
    const meta = { actorId: blockerId, requestId };
    await this.uow.run(async (tx) => {
      // The pair lock of send_request, both orders: a request being sent right now is seen here,
      // or is sent after this commits and refused by the block.
      for (const [mentorId, menteeId] of [
        [blockerId, blockedId],
        [blockedId, blockerId],
      ]) {
        await tx.em.execute('select pg_advisory_xact_lock(?, ?)', [mentorId, menteeId]);
      }
      const pending = await tx.em.find(
        MentorshipRelation,
        {
          $or: [
            { mentorId: blockerId, menteeId: blockedId },
            { mentorId: blockedId, menteeId: blockerId },
          ],
          state: RelationState.PENDING,
        },
        { orderBy: { id: 'asc' } },
      );
      for (const relation of pending) {
        tx.record(new RelationRequestWithdrawn({ ...relationFacts(relation), reason: 'blocked' }, meta));
        tx.em.remove(relation);
      }
    });
  }
}
