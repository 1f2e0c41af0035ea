import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { relationFacts, releaseMemberships } from '../domain/active-mentorships';
import { lapseOpenProposal } from '../domain/proposals';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationState } from '../domain/relation-state';
import { RelationCompleted } from '../events/relation-completed.event';
import { CompleteDueRelationsCommand } from './complete-due-relations.command';

const BATCH = 200;

@CommandHandler(CompleteDueRelationsCommand)
export class CompleteDueRelationsHandler implements ICommandHandler<CompleteDueRelationsCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ now }: CompleteDueRelationsCommand): Promise<number> {
    const cutoff = now.getTime() / 1000;
    let completed = 0;
    for (;;) {
      const count = await this.uow.run(async (tx) => {
        // SKIP LOCKED: a relation being cancelled right now is left to that transaction.
        const relations = await tx.em.find(
          MentorshipRelation,
          { state: RelationState.ACCEPTED, endDate: { $lt: cutoff } },
          { limit: BATCH, orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        for (const relation of relations) {
          relation.state = RelationState.COMPLETED;
          relation.completedAt = cutoff;
          await releaseMemberships(tx.em, relation.id);
          await lapseOpenProposal(tx, relation, cutoff, { actorId: null });
          tx.record(new RelationCompleted({ ...relationFacts(relation), reason: 'end_date' }, { actorId: null }));
        }
        return relations.length;
      });
      completed += count;
      if (count < BATCH) return completed;
    }
  }
}
