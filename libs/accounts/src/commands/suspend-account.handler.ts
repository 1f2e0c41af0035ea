import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, Messages, UnitOfWork } from '@app/platform';
import { cleanSuspensionReason, suspendAccount, suspensionDaysError, suspensionEnd } from '../domain/suspension';
import { findLiveUserById, requireLiveAdmin } from '../domain/users';
import { SuspendAccountCommand } from './suspend-account.command';

/**
 * An admin suspends an account: 404 for a deleted caller, 403 for a non-admin, 404 for an unknown
 * or deleted account, 409 for an admin account. Suspending again replaces the end.
 */
@CommandHandler(SuspendAccountCommand)
export class SuspendAccountHandler implements ICommandHandler<SuspendAccountCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ userId, days, reason, call }: SuspendAccountCommand): Promise<{ until: Date | null }> {
    const daysError = suspensionDaysError(days);
    if (daysError) throw new ApiError(400, daysError);
    const cleaned = cleanSuspensionReason(reason);
    if ('error' in cleaned) throw new ApiError(400, cleaned.error);
    return this.uow.run(async (tx) => {
      const admin = await requireLiveAdmin(tx.em, call.actorId);
      const user = await findLiveUserById(tx.em, userId);
      if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      const until = suspensionEnd(days);
      tx.record(await suspendAccount(tx, user, until, { actorId: admin.id, reason: cleaned.text, call }));
      return { until };
    });
  }
}
