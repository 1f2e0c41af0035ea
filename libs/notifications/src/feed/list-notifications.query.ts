import { Query } from '@nestjs/cqrs';
import type { NotificationPage } from './notification-feed';

/** GET /notifications: the caller's notifications, newest first, paged by id (`before`, `limit`). */
export class ListNotificationsQuery extends Query<NotificationPage> {
  constructor(
    readonly userId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
