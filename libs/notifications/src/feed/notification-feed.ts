import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { type NotificationRow, type NotificationView, presentNotification } from './notification.view';

const COLUMNS = `"id", "kind", "data", "created_at", "read_at"`;

export interface NotificationPage {
  notifications: NotificationView[];
  unread_count: number;
  /** The `before` of the next (older) page, or null when this is the last. */
  next_before: number | null;
}

/**
 * Reads of a member's notifications: pages newest first (GET /notifications), and what came after
 * a given id in ascending order (the live stream's Last-Event-ID replay). Never writes.
 */
@Injectable()
export class NotificationFeed {
  constructor(private readonly em: EntityManager) {}

  private connection(em?: SqlEntityManager): SqlEntityManager {
    return em ?? (this.em.fork() as SqlEntityManager);
  }

  /** One page, newest first: ids below `before` (all when undefined), at most `limit`. */
  async page(userId: number, before: number | undefined, limit: number): Promise<NotificationPage> {
    const em = this.connection();
    const rows = await em.execute<NotificationRow[]>(
      `select ${COLUMNS} from "notifications"
        where "user_id" = ? ${before === undefined ? '' : 'and "id" < ?'}
        order by "id" desc limit ?`,
      before === undefined ? [userId, limit + 1] : [userId, before, limit + 1],
    );
    const notifications = rows.slice(0, limit).map(presentNotification);
    return {
      notifications,
      unread_count: await this.unreadCount(userId, em),
      next_before: rows.length > limit ? notifications[notifications.length - 1].id : null,
    };
  }

  /** The notifications after `afterId`, oldest first, at most `limit` (for resuming a live stream). */
  async since(userId: number, afterId: number, limit: number): Promise<NotificationView[]> {
    const rows = await this.connection().execute<NotificationRow[]>(
      `select ${COLUMNS} from "notifications" where "user_id" = ? and "id" > ? order by "id" asc limit ?`,
      [userId, afterId, limit],
    );
    return rows.map(presentNotification);
  }

  async unreadCount(userId: number, em?: SqlEntityManager): Promise<number> {
    const [row] = await this.connection(em).execute<Array<{ count: number | string }>>(
      `select count(*) as "count" from "notifications" where "user_id" = ? and "read_at" is null`,
      [userId],
    );
    return Number(row?.count ?? 0);
  }
}
