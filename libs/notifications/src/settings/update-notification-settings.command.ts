import { Command } from '@nestjs/cqrs';
import type { EmailSettings, EmailSettingsView } from '../domain/email-settings';

/** PUT /user/notification_settings: changes the given settings, keeps the others. */
export class UpdateNotificationSettingsCommand extends Command<EmailSettingsView> {
  constructor(
    readonly userId: number,
    readonly changes: Partial<EmailSettings>,
  ) {
    super();
  }
}
