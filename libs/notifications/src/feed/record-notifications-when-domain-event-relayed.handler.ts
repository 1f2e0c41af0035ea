import { Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { AdminGranted, PasswordChanged } from '@app/accounts';
import { ChatMessagePosted } from '@app/chat';
import {
  FeedbackLeft,
  ProposalAccepted,
  ProposalDeclined,
  ProposalMade,
  ProposalWithdrawn,
  RelationAccepted,
  RelationCancelled,
  RelationCompleted,
  RelationRejected,
  RelationRequested,
  RelationRequestExpired,
  RelationRequestReminded,
  RelationRequestWithdrawn,
} from '@app/mentorship';
import { DomainEvent, type DomainEventClass, type DomainEventHandler, LiveBus, OnDomainEvent } from '@app/platform';
import { TaskCommented, TaskCompleted, TaskCreated, TaskDeleted, TaskReopened, TaskUpdated } from '@app/tasks';
import { notificationsFor } from '../domain/notification-kinds';
import { type NotificationRow, presentNotification } from './notification.view';

interface DraftRow {
  /** Position in the round: ids follow the order the events were written in. */
  n: number;
  user_id: number;
  event_id: string;
  kind: string;
  data: Record<string, unknown>;
  created_at: number;
}

/**
 * The events that may notify someone (NOTIFYING_EVENT_TYPES; a unit spec keeps the two in step).
 * Listed rather than DomainEvent itself, so the many events that concern nobody (logins, audit-only
 * facts) are not handed to this handler at all.
 */
export const NOTIFYING_EVENTS: DomainEventClass[] = [
  PasswordChanged,
  AdminGranted,
  RelationRequested,
  RelationRequestReminded,
  RelationRequestWithdrawn,
  RelationAccepted,
  RelationRejected,
  RelationRequestExpired,
  RelationCancelled,
  RelationCompleted,
  ProposalMade,
  ProposalAccepted,
  ProposalDeclined,
  ProposalWithdrawn,
  FeedbackLeft,
  TaskCreated,
  TaskUpdated,
  TaskCompleted,
  TaskReopened,
  TaskDeleted,
  TaskCommented,
  ChatMessagePosted,
];

/**
 * Every domain event that concerns a member becomes one notification row per recipient
 * (notificationsFor); a relay round's rows go in one statement. Idempotent per event and
 * recipient: a redelivered event hits the unique (event_id, user_id) and inserts nothing. Only the
 * rows actually inserted are published to the recipients' live streams, after the insert committed.
 * A deleted account gets none (its feed went with it).
 */
@OnDomainEvent(...NOTIFYING_EVENTS)
export class RecordNotificationsWhenDomainEventRelayed implements DomainEventHandler {
  private readonly logger = new Logger(RecordNotificationsWhenDomainEventRelayed.name);

  constructor(
    private readonly em: EntityManager,
    private readonly live: LiveBus,
  ) {}

  handle(event: DomainEvent): Promise<void> {
    return this.handleBatch([event]);
  }

  async handleBatch(events: DomainEvent[]): Promise<void> {
    const drafts: DraftRow[] = events
      .flatMap((event) => notificationsFor(event).map((draft) => ({ event, draft })))
      .map(({ event, draft }, n) => ({
        n,
        user_id: draft.userId,
        event_id: event.eventId,
        kind: draft.kind,
        data: draft.data,
        created_at: event.occurredAt.getTime() / 1000,
      }));
    if (drafts.length === 0) return;
    const inserted = await (this.em.fork() as SqlEntityManager).execute<Array<NotificationRow & { user_id: number }>>(
      `with "inserted" as (
         insert into "notifications" ("user_id", "event_id", "kind", "data", "created_at")
         select d."user_id", d."event_id", d."kind", d."data", d."created_at"
           from jsonb_to_recordset(?::jsonb) as d("n" int, "user_id" int, "event_id" uuid, "kind" varchar,
                "data" jsonb, "created_at" double precision)
           join "users" u on u."id" = d."user_id" and u."deleted_at" is null
          order by d."n"
         on conflict ("event_id", "user_id") do nothing
         returning "id", "user_id", "kind", "data", "created_at", "read_at")
       select * from "inserted" order by "id"`,
      [JSON.stringify(drafts)],
    );
    for (const row of inserted) {
      const view = presentNotification(row);
      try {
        await this.live.publish({ userId: Number(row.user_id), type: 'notification', id: String(view.id), data: view });
      } catch (error) {
        // The row is in the feed: a stream that missed it reads it on reconnect.
        this.logger.warn({ err: error, notificationId: view.id }, 'Publishing a notification live failed');
      }
    }
  }
}
