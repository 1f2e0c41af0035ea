import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, Messages, UnitOfWork } from '@app/platform';
import { liftSuspension } from '../domain/suspension';
import { findLiveUserById, requireLiveAdmin } from '../domain/users';
import { LiftSuspensionCommand } from './lift-suspension.command';

/**
 * An admin lifts a suspension before its end. Idempotent: an account not suspended (or whose
 * suspension has ended) gets the same answer and nothing is recorded.
 */
@CommandHandler(LiftSuspensionCommand)
export class LiftSuspensionHandler implements ICommandHandler<LiftSuspensionCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ userId, call }: LiftSuspensionCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      const admin = await requireLiveAdmin(tx.em, call.actorId);
      const user = await findLiveUserById(tx.em, userId);
      if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      const lifted = await liftSuspension(tx, user, { actorId: admin.id, call });
      if (lifted) tx.record(lifted);
    });
  }
}
