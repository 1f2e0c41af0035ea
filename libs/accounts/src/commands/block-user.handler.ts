import { ModuleRef } from '@nestjs/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { MentorshipAvailability } from '../domain/mentorship-availability';
import { epochSeconds, findLiveUserById, requireLiveCaller } from '../domain/users';
import { UserBlocked } from '../events/account-events';
import { type BlockOutcome, BlockUserCommand } from './block-user.command';

/**
 * Blocks a member. Idempotent: blocking again answers the same and records nothing. The PENDING
 * requests between the pair are withdrawn by the mentorship lib, reacting to UserBlocked; an
 * ACCEPTED relation is left as it is and its id returned, so the blocker can cancel it.
 */
@CommandHandler(BlockUserCommand)
export class BlockUserHandler implements ICommandHandler<BlockUserCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute({ blockedId, call }: BlockUserCommand): Promise<BlockOutcome> {
    const blockerId = call.actorId!;
    return this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, blockerId);
      if (blockedId === blockerId) throw new ApiError(400, Messages.CANNOT_BLOCK_YOURSELF);
      const target = await findLiveUserById(tx.em, blockedId);
      if (!target) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      const inserted = await (tx.em as SqlEntityManager).execute<Array<{ blocker_id: number }>>(
        `insert into "user_blocks" ("blocker_id", "blocked_id", "created_at") values (?, ?, ?)
          on conflict do nothing returning "blocker_id"`,
        [blockerId, blockedId, epochSeconds()],
      );
      const created = inserted.length > 0;
      if (created) tx.record(new UserBlocked({ blockerId, blockedId }, eventMeta(call)));
      return { created, acceptedRelationId: await this.acceptedRelationBetween(tx.em, blockerId, blockedId) };
    });
  }

  private async acceptedRelationBetween(em: EntityManager, a: number, b: number): Promise<number | null> {
    let availability: MentorshipAvailability;
    try {
      availability = this.moduleRef.get(MentorshipAvailability, { strict: false });
    } catch {
      return null; // no mentorship lib in this process: no relation
    }
    return availability.acceptedRelationBetween(em, a, b);
  }
}
