import { Query } from '@nestjs/cqrs';
import type { EmailSettingsView } from '../domain/email-settings';

/** GET /user/notification_settings: the caller's email settings (defaults where they chose nothing). */
export class GetNotificationSettingsQuery extends Query<EmailSettingsView> {
  constructor(readonly userId: number) {
    super();
  }
}
