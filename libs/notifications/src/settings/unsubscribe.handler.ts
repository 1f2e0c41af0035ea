import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, Messages, UnitOfWork } from '@app/platform';
import { type EmailSetting, switchedOff } from '../domain/email-settings';
import { storeEmailSettings } from './store-email-settings';
import { UnsubscribeCommand } from './unsubscribe.command';
import { UnsubscribeTokens } from './unsubscribe-tokens';

/** Idempotent: a second click finds the setting already off and answers the same. */
@CommandHandler(UnsubscribeCommand)
export class UnsubscribeHandler implements ICommandHandler<UnsubscribeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async execute({ token }: UnsubscribeCommand): Promise<{ setting: EmailSetting }> {
    const link = this.tokens.read(token);
    if (!link) throw new ApiError(400, Messages.UNSUBSCRIBE_LINK_INVALID);
    await this.uow.run((tx) => storeEmailSettings(tx.em, link.userId, switchedOff(link.setting)));
    return { setting: link.setting };
  }
}
