import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { UserDeleted } from '@app/accounts';
import { type DomainEventHandler, OnDomainEvent } from '@app/platform';

/**
 * A deleted account's notifications and email choices go with it. Idempotent (a second delivery
 * deletes nothing); notifications of events relayed later are not written for a deleted account.
 */
@OnDomainEvent(UserDeleted)
export class DeleteNotificationsWhenUserDeleted implements DomainEventHandler<UserDeleted> {
  constructor(private readonly em: EntityManager) {}

  async handle({ payload }: UserDeleted): Promise<void> {
    const em = this.em.fork() as SqlEntityManager;
    await em.execute(`delete from "notifications" where "user_id" = ?`, [payload.userId]);
    await em.execute(`delete from "notification_settings" where "user_id" = ?`, [payload.userId]);
  }
}
