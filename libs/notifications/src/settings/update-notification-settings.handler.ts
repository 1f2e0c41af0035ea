import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { type EmailSettingsView, viewOf } from '../domain/email-settings';
import { EmailPreferences } from './email-preferences';
import { storeEmailSettings } from './store-email-settings';
import { UpdateNotificationSettingsCommand } from './update-notification-settings.command';

@CommandHandler(UpdateNotificationSettingsCommand)
export class UpdateNotificationSettingsHandler implements ICommandHandler<UpdateNotificationSettingsCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly preferences: EmailPreferences,
  ) {}

  execute({ userId, changes }: UpdateNotificationSettingsCommand): Promise<EmailSettingsView> {
    return this.uow.run(async (tx) => {
      if (Object.keys(changes).length > 0) await storeEmailSettings(tx.em, userId, changes);
      return viewOf(await this.preferences.settingsOf(userId, tx.em));
    });
  }
}
