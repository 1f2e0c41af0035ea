import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { MarkNotificationsReadCommand } from './mark-notifications-read.command';
import { NotificationFeed } from './notification-feed';

/**
 * Marks unread notifications as read (already read ones keep their time). Only the caller's own:
 * other members' ids match nothing, so the answer tells nothing about them.
 */
@CommandHandler(MarkNotificationsReadCommand)
export class MarkNotificationsReadHandler implements ICommandHandler<MarkNotificationsReadCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly feed: NotificationFeed,
  ) {}

  async execute({ userId, target }: MarkNotificationsReadCommand): Promise<{ unread_count: number }> {
    return this.uow.run(async (tx) => {
      const now = Date.now() / 1000;
      if ('all' in target) {
        await tx.em.execute(`update "notifications" set "read_at" = ? where "user_id" = ? and "read_at" is null`, [
          now,
          userId,
        ]);
      } else {
        await tx.em.execute(
          `update "notifications" set "read_at" = ?
            where "user_id" = ? and "read_at" is null
              and "id" in (select jsonb_array_elements_text(?::jsonb)::bigint)`,
          [now, userId, JSON.stringify(target.ids)],
        );
      }
      return { unread_count: await this.feed.unreadCount(userId, tx.em) };
    });
  }
}
