import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { revokeSessionsOf } from '../domain/account-sessions';
import { requireValidPayload } from '../domain/json-body';
import { checkPassword, hashPassword } from '../domain/password-hashing';
import { newPasswordError } from '../domain/profile.rules';
import { CHANGE_PASSWORD_MODEL } from '../domain/request-models';
import { findLiveUserById } from '../domain/users';
import { PasswordChanged } from '../events/account-events';
import { ChangePasswordCommand } from './change-password.command';

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, sessionId, call }: ChangePasswordCommand): Promise<void> {
    const data = requireValidPayload(CHANGE_PASSWORD_MODEL, body);
    const current = data.current_password as string;
    const next = data.new_password as string;
    const problem = newPasswordError(next, current);
    if (problem) throw new ApiError(400, problem);

    const user = await this.uow.run(({ em }) => findLiveUserById(em, call.actorId!));
    if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    if (!user.passwordHash || !(await checkPassword(current, user.passwordHash)).matches) {
      throw new ApiError(400, Messages.USER_ENTERED_INCORRECT_PASSWORD);
    }
    const passwordHash = await hashPassword(next);
    await this.uow.run(async (tx) => {
      const fresh = await findLiveUserById(tx.em, user.id);
      if (!fresh) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      fresh.passwordHash = passwordHash;
      // Whoever else knew the old password is logged out; this session goes on.
      await revokeSessionsOf(tx.em, user.id, 'password_changed', sessionId);
      tx.record(new PasswordChanged({ userId: user.id, via: 'change_password' }, eventMeta(call)));
    });
  }
}
