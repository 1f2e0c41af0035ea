import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type EmailSettingsView, viewOf } from '../domain/email-settings';
import { EmailPreferences } from './email-preferences';
import { GetNotificationSettingsQuery } from './get-notification-settings.query';

@QueryHandler(GetNotificationSettingsQuery)
export class GetNotificationSettingsHandler implements IQueryHandler<GetNotificationSettingsQuery> {
  constructor(private readonly preferences: EmailPreferences) {}

  async execute({ userId }: GetNotificationSettingsQuery): Promise<EmailSettingsView> {
    return viewOf(await this.preferences.settingsOf(userId));
  }
}
