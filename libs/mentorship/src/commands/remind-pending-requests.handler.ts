import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AppConfig, InjectConfig, UnitOfWork } from '@app/platform';
import { relationFacts } from '../domain/active-mentorships';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { pendingRequestCutoffs } from '../domain/pending-requests.rules';
import { RelationState } from '../domain/relation-state';
import { RelationRequestReminded } from '../events/relation-request-reminded.event';
import { RemindPendingRequestsCommand } from './remind-pending-requests.command';

const BATCH = 200;

/**
 * Marks reminded_at and records RelationRequestReminded in one transaction, so the receiver is
 * reminded once and only once, whatever reruns or replicas (a row locked by another run is
 * skipped, and once reminded_at is set the row no longer matches).
 */
@CommandHandler(RemindPendingRequestsCommand)
export class RemindPendingRequestsHandler implements ICommandHandler<RemindPendingRequestsCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ now }: RemindPendingRequestsCommand): Promise<number> {
    const cutoffs = pendingRequestCutoffs(now.getTime() / 1000, {
      reminderAfterSeconds: this.config.requestReminderAfterSeconds,
      expiresAfterSeconds: this.config.requestExpiresAfterSeconds,
    });
    let reminded = 0;
    for (;;) {
      const count = await this.uow.run(async (tx) => {
        const requests = await tx.em.find(
          MentorshipRelation,
          {
            state: RelationState.PENDING,
            remindedAt: null,
            creationDate: { $lte: cutoffs.remindCreatedBy, $gt: cutoffs.expireCreatedBy },
            endDate: { $gt: cutoffs.now },
          },
          { limit: BATCH, orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        for (const request of requests) {
          request.remindedAt = cutoffs.now;
          tx.record(new RelationRequestReminded(relationFacts(request), { actorId: null }));
        }
        return requests.length;
      });
      reminded += count;
      if (count < BATCH) return reminded;
    }
  }
}
