import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { ADMINS_LOCK } from '../domain/anonymise';
import { requireValidPayload } from '../domain/json-body';
import { ADMIN_TARGET_MODEL } from '../domain/request-models';
import { countAdmins, findLiveUserById } from '../domain/users';
import { AdminRevoked } from '../events/account-events';
import { RevokeAdminCommand } from './revoke-admin.command';

@CommandHandler(RevokeAdminCommand)
export class RevokeAdminHandler implements ICommandHandler<RevokeAdminCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: RevokeAdminCommand): Promise<void> {
    const targetId = requireValidPayload(ADMIN_TARGET_MODEL, body).user_id as number;
    await this.uow.run(async (tx) => {
      await tx.em.execute('select pg_advisory_xact_lock(?)', [ADMINS_LOCK]);
      const caller = await findLiveUserById(tx.em, call.actorId!);
      if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (!caller.isAdmin) throw new ApiError(403, Messages.USER_REVOKE_NOT_ADMIN);
      if (targetId === caller.id && (await countAdmins(tx.em)) === 1) {
        throw new ApiError(403, Messages.USER_CANNOT_REVOKE_ADMIN_STATUS);
      }
      const target = await findLiveUserById(tx.em, targetId);
      if (!target) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (!target.isAdmin) throw new ApiError(400, Messages.USER_IS_NOT_AN_ADMIN);
      target.isAdmin = false;
      tx.record(new AdminRevoked({ userId: target.id }, eventMeta(call)));
    });
  }
}
