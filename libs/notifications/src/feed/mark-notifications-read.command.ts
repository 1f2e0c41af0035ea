import { Command } from '@nestjs/cqrs';

/** POST /notifications/read: marks the given ids (of the caller's own notifications) or all of them as read. */
export class MarkNotificationsReadCommand extends Command<{ unread_count: number }> {
  constructor(
    readonly userId: number,
    readonly target: { ids: number[] } | { all: true },
  ) {
    super();
  }
}
