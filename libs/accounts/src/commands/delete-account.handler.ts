import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { ADMINS_LOCK, anonymiseAccount } from '../domain/anonymise';
import { countAdmins, findLiveUserById } from '../domain/users';
import { UserDeleted } from '../events/account-events';
import { DeleteAccountCommand } from './delete-account.command';

/** The reference's MIN_NUMBER_OF_ADMINS. */
const MIN_NUMBER_OF_ADMINS = 1;

@CommandHandler(DeleteAccountCommand)
export class DeleteAccountHandler implements ICommandHandler<DeleteAccountCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ call }: DeleteAccountCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      const user = await findLiveUserById(tx.em, call.actorId!);
      if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (user.isAdmin) {
        await tx.em.execute('select pg_advisory_xact_lock(?)', [ADMINS_LOCK]);
        if ((await countAdmins(tx.em)) <= MIN_NUMBER_OF_ADMINS) throw new ApiError(400, Messages.USER_CANT_DELETE);
      }
      await anonymiseAccount(tx.em, user);
      tx.record(new UserDeleted({ userId: user.id, reason: 'self_service' }, eventMeta(call)));
    });
  }
}
