import { Module } from '@nestjs/common';
import { ListNotificationsHandler } from './feed/list-notifications.handler';
import { MarkNotificationsReadHandler } from './feed/mark-notifications-read.handler';
import { NotificationsController } from './feed/notifications.controller';
import { NotificationsModule } from './notifications.module';
import { GetNotificationSettingsHandler } from './settings/get-notification-settings.handler';
import { NotificationSettingsController } from './settings/notification-settings.controller';
import { UnsubscribeController } from './settings/unsubscribe.controller';
import { UnsubscribeHandler } from './settings/unsubscribe.handler';
import { UpdateNotificationSettingsHandler } from './settings/update-notification-settings.handler';

/** The notifications feed, the email settings and one-click unsubscribe: the routes (the API only). */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationsController, NotificationSettingsController, UnsubscribeController],
  providers: [
    ListNotificationsHandler,
    MarkNotificationsReadHandler,
    GetNotificationSettingsHandler,
    UpdateNotificationSettingsHandler,
    UnsubscribeHandler,
  ],
})
export class NotificationsHttpModule {}
