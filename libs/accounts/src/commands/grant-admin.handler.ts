import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { ADMINS_LOCK } from '../domain/anonymise';
import { requireValidPayload } from '../domain/json-body';
import { ADMIN_TARGET_MODEL } from '../domain/request-models';
import { isSuspended } from '../domain/suspension';
import { findLiveUserById, isLiveUserId } from '../domain/users';
import { AdminGranted } from '../events/account-events';
import { GrantAdminCommand } from './grant-admin.command';

@CommandHandler(GrantAdminCommand)
export class GrantAdminHandler implements ICommandHandler<GrantAdminCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: GrantAdminCommand): Promise<void> {
    const targetId = requireValidPayload(ADMIN_TARGET_MODEL, body).user_id as number;
    await this.uow.run(async (tx) => {
      await tx.em.execute('select pg_advisory_xact_lock(?)', [ADMINS_LOCK]);
      const caller = await findLiveUserById(tx.em, call.actorId!);
      if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (!caller.isAdmin) throw new ApiError(403, Messages.USER_ASSIGN_NOT_ADMIN);
      if (targetId === caller.id) throw new ApiError(403, Messages.USER_CANNOT_BE_ASSIGNED_ADMIN_BY_USER);
      // The target's row lock orders this against a suspension of the same account (which locks it too).
      if (isLiveUserId(targetId)) await tx.em.execute('select 1 from "users" where "id" = ? for update', [targetId]);
      const target = await findLiveUserById(tx.em, targetId);
      if (!target) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (target.isAdmin) throw new ApiError(400, Messages.USER_IS_ALREADY_AN_ADMIN);
      // Beyond the reference: an admin cannot be suspended, so a suspended account cannot become one.
      if (isSuspended(target)) throw new ApiError(400, Messages.SUSPENDED_ACCOUNT_CANNOT_BE_ADMIN);
      target.isAdmin = true;
      tx.record(new AdminGranted({ userId: target.id }, eventMeta(call)));
    });
  }
}
