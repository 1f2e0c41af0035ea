import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { AccountTokens } from '../domain/account-tokens';
import { findLiveUserById } from '../domain/users';
import { EmailVerified } from '../events/account-events';
import { ConfirmEmailCommand } from './confirm-email.command';

@CommandHandler(ConfirmEmailCommand)
export class ConfirmEmailHandler implements ICommandHandler<ConfirmEmailCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: AccountTokens,
  ) {}

  async execute({ token, call }: ConfirmEmailCommand): Promise<string> {
    const vouched = this.tokens.readEmailConfirmationToken(token);
    if (!vouched) throw new ApiError(400, Messages.EMAIL_EXPIRED_OR_TOKEN_IS_INVALID);
    return this.uow.run(async (tx) => {
      const user = await findLiveUserById(tx.em, vouched.userId);
      // The reference fails with a 500 here for an account deleted since the email was sent.
      if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      if (user.email !== vouched.email) throw new ApiError(400, Messages.EMAIL_EXPIRED_OR_TOKEN_IS_INVALID);
      if (user.isEmailVerified) return Messages.ACCOUNT_ALREADY_CONFIRMED;
      user.isEmailVerified = true;
      user.emailVerificationDate = new Date();
      tx.record(new EmailVerified({ userId: user.id }, eventMeta(call, user.id)));
      return Messages.ACCOUNT_ALREADY_CONFIRMED_AND_THANKS;
    });
  }
}
