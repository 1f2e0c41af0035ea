import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { UnitOfWork } from '@app/platform';
import { epochSeconds, type RatedRole, recordRatingChange } from '@app/accounts';
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
 * Feedback the deleted account left goes (the rated parties' summaries follow), and so does
 * feedback about it. Idempotent, since the relay may deliver UserDeleted more than once.
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
      await removeFeedbackOf(tx.em, userId);
    });
  }
}

/**
 * Deletes the feedback a deleted account left or received and takes its ratings out of the
 * summaries. The COMPLETED relations of the account are row-locked first, as leaving feedback
 * locks its relation: feedback being left right now is either seen here (and removed) or, once
 * this commits, refused because the account is gone. `returning` makes a second delivery a no-op.
 */
async function removeFeedbackOf(em: SqlEntityManager, userId: number): Promise<void> {
  await em.execute(
    `select "id" from "mentorship_relations" where ("mentor_id" = ? or "mentee_id" = ?) and "state" = ?
      order by "id" for update`,
    [userId, userId, RelationState.COMPLETED],
  );
  const removed = await em.execute<Array<{ subject_id: number; subject_role: RatedRole; rating: number }>>(
    `delete from "relation_feedback" where "author_id" = ? or "subject_id" = ?
      returning "subject_id", "subject_role", "rating"`,
    [userId, userId],
  );
  const changes = new Map<string, { userId: number; role: RatedRole; count: number; total: number }>();
  for (const row of removed) {
    const key = `${row.subject_id}:${row.subject_role}`;
    const change = changes.get(key) ?? { userId: row.subject_id, role: row.subject_role, count: 0, total: 0 };
    change.count -= 1;
    change.total -= row.rating;
    changes.set(key, change);
  }
  for (const change of changes.values()) {
    await recordRatingChange(em, change.userId, change.role, change.count, change.total);
  }
}
