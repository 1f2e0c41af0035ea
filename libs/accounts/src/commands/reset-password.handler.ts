import { LockMode } from '@mikro-orm/core';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, formatMessage, Messages, UnitOfWork } from '@app/platform';
import { revokeSessionsOf } from '../domain/account-sessions';
import { AccountTokens } from '../domain/account-tokens';
import { requireObjectBody } from '../domain/json-body';
import { hashPassword } from '../domain/password-hashing';
import { PasswordResetRequest } from '../domain/password-reset-request.entity';
import { newPasswordError } from '../domain/profile.rules';
import { findLiveUserById } from '../domain/users';
import { PasswordChanged } from '../events/account-events';
import { ResetPasswordCommand } from './reset-password.command';

@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: AccountTokens,
  ) {}

  async execute({ body, call }: ResetPasswordCommand): Promise<void> {
    const data = requireObjectBody(body);
    if (!('token' in data)) throw new ApiError(400, Messages.TOKEN_FIELD_IS_MISSING);
    if (!('new_password' in data)) throw new ApiError(400, Messages.NEW_PASSWORD_FIELD_IS_MISSING);
    const { token, new_password: next } = data;
    if (typeof token !== 'string') {
      throw new ApiError(400, formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'token' }));
    }
    if (typeof next !== 'string') {
      throw new ApiError(400, formatMessage(Messages.FIELD_MUST_BE_STRING, { field_name: 'new_password' }));
    }
    const problem = newPasswordError(next);
    if (problem) throw new ApiError(400, problem);
    const requestId = this.tokens.readPasswordResetToken(token);
    if (!requestId) throw new ApiError(400, Messages.PASSWORD_RESET_TOKEN_IS_INVALID);

    const passwordHash = await hashPassword(next);
    await this.uow.run(async (tx) => {
      const request = await tx.em.findOne(
        PasswordResetRequest,
        { id: requestId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!request || request.usedAt || request.expiresAt <= new Date()) {
        throw new ApiError(400, Messages.PASSWORD_RESET_TOKEN_IS_INVALID);
      }
      const user = await findLiveUserById(tx.em, request.userId);
      if (!user) throw new ApiError(400, Messages.PASSWORD_RESET_TOKEN_IS_INVALID);
      const now = new Date();
      // This link and every other outstanding one of the account stop working.
      await tx.em.nativeUpdate(PasswordResetRequest, { userId: user.id, usedAt: null }, { usedAt: now });
      user.passwordHash = passwordHash;
      await revokeSessionsOf(tx.em, user.id, 'password_reset');
      tx.record(new PasswordChanged({ userId: user.id, via: 'reset_password' }, eventMeta(call, user.id)));
    });
  }
}
