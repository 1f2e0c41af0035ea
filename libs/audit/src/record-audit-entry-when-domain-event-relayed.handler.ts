import { EntityManager } from '@mikro-orm/core';
import { DomainEvent, type DomainEventHandler, OnDomainEvent } from '@app/platform';

/**
 * Every domain event that has audit facts becomes one audit_log row. Idempotent: a redelivered
 * event hits the unique event_id and is skipped.
 */
@OnDomainEvent(DomainEvent)
export class RecordAuditEntryWhenDomainEventRelayed implements DomainEventHandler {
  constructor(private readonly em: EntityManager) {}

  async handle(event: DomainEvent): Promise<void> {
    const facts = event.auditFacts();
    if (!facts) return;
    await this.em.getConnection().execute(
      `insert into "audit_log" ("event_id", "action", "actor_id", "target_type", "target_id", "request_id", "occurred_at", "details")
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
       on conflict ("event_id") do nothing`,
      [
        event.eventId,
        event.eventType,
        event.meta.actorId ?? null,
        facts.targetType ?? null,
        facts.targetId === undefined || facts.targetId === null ? null : String(facts.targetId),
        event.meta.requestId ?? null,
        event.occurredAt,
        JSON.stringify(facts.details ?? {}),
      ],
    );
  }
}
