import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AppConfig, InjectConfig, UnitOfWork } from '@app/platform';
import { relationFacts } from '../domain/active-mentorships';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { pendingRequestCutoffs } from '../domain/pending-requests.rules';
import { RelationState } from '../domain/relation-state';
import { RelationRequestExpired } from '../events/relation-request-expired.event';
import { ExpirePendingRequestsCommand } from './expire-pending-requests.command';

const BATCH = 200;

/**
 * Closes expired requests as REJECTED with expired_at (shown `expired: true`): the state old
 * clients already know for "this request did not become a relation", so they leave pending lists
 * by themselves. The sender is told by email (RelationRequestExpired).
 */
@CommandHandler(ExpirePendingRequestsCommand)
export class ExpirePendingRequestsHandler implements ICommandHandler<ExpirePendingRequestsCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ now }: ExpirePendingRequestsCommand): Promise<number> {
    const cutoffs = pendingRequestCutoffs(now.getTime() / 1000, {
      reminderAfterSeconds: this.config.requestReminderAfterSeconds,
      expiresAfterSeconds: this.config.requestExpiresAfterSeconds,
    });
    let expired = 0;
    for (;;) {
      const count = await this.uow.run(async (tx) => {
        // SKIP LOCKED: a request being accepted, rejected or withdrawn right now is left to that
        // transaction; once it commits the row is no longer PENDING.
        const requests = await tx.em.find(
          MentorshipRelation,
          {
            state: RelationState.PENDING,
            $or: [{ creationDate: { $lte: cutoffs.expireCreatedBy } }, { endDate: { $lte: cutoffs.now } }],
          },
          { limit: BATCH, orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        for (const request of requests) {
          request.state = RelationState.REJECTED;
          request.expiredAt = cutoffs.now;
          tx.record(new RelationRequestExpired(relationFacts(request), { actorId: null }));
        }
        return requests.length;
      });
      expired += count;
      if (count < BATCH) return expired;
    }
  }
}
