import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { queryInteger } from '@app/platform';
import { ListNotificationsQuery } from './list-notifications.query';
import { NotificationFeed, type NotificationPage } from './notification-feed';

export const DEFAULT_NOTIFICATIONS_LIMIT = 20;
export const MAX_NOTIFICATIONS_LIMIT = 100;

@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(private readonly feed: NotificationFeed) {}

  execute({ userId, params }: ListNotificationsQuery): Promise<NotificationPage> {
    const before = queryInteger(params, 'before', 1, Number.MAX_SAFE_INTEGER);
    const limit = queryInteger(params, 'limit', 1, MAX_NOTIFICATIONS_LIMIT) ?? DEFAULT_NOTIFICATIONS_LIMIT;
    return this.feed.page(userId, before, limit);
  }
}
