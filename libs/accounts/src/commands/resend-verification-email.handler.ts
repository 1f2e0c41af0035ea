import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { requireEmailField } from '../domain/json-body';
import { findLiveUser } from '../domain/users';
import { VerificationEmailRequested } from '../events/account-events';
import { ResendVerificationEmailCommand } from './resend-verification-email.command';

@CommandHandler(ResendVerificationEmailCommand)
export class ResendVerificationEmailHandler implements ICommandHandler<ResendVerificationEmailCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: ResendVerificationEmailCommand): Promise<void> {
    const email = requireEmailField(body);
    await this.uow.run(async (tx) => {
      const user = await findLiveUser(tx.em, { email });
      if (!user) throw new ApiError(404, Messages.USER_IS_NOT_REGISTERED_IN_THE_SYSTEM);
      if (user.isEmailVerified) throw new ApiError(409, Messages.USER_ALREADY_CONFIRMED_ACCOUNT);
      tx.record(
        new VerificationEmailRequested({ userId: user.id, email, name: user.name ?? '' }, eventMeta(call, user.id)),
      );
    });
  }
}
