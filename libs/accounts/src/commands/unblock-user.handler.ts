import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { requireLiveCaller } from '../domain/users';
import { UserUnblocked } from '../events/account-events';
import { UnblockUserCommand } from './unblock-user.command';

/** Lifts the caller's block of a member; the caller is always the blocker, so nobody lifts another's block. */
@CommandHandler(UnblockUserCommand)
export class UnblockUserHandler implements ICommandHandler<UnblockUserCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ blockedId, call }: UnblockUserCommand): Promise<void> {
    const blockerId = call.actorId!;
    await this.uow.run(async (tx) => {
      await requireLiveCaller(tx.em, blockerId);
      const deleted = await (tx.em as SqlEntityManager).execute<Array<{ blocker_id: number }>>(
        `delete from "user_blocks" where "blocker_id" = ? and "blocked_id" = ? returning "blocker_id"`,
        [blockerId, blockedId],
      );
      if (deleted.length === 0) throw new ApiError(404, Messages.BLOCK_DOES_NOT_EXIST);
      tx.record(new UserUnblocked({ blockerId, blockedId }, eventMeta(call)));
    });
  }
}
