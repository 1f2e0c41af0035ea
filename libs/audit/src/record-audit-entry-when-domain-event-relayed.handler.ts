import { EntityManager } from '@mikro-orm/core';
import { DomainEvent, type DomainEventHandler, OnDomainEvent } from '@app/platform';

interface AuditRow {
  event_id: string;
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  occurred_at: string;
  details: Record<string, unknown>;
}

function auditRow(event: DomainEvent): AuditRow | null {
  const facts = event.auditFacts();
  if (!facts) return null;
  return {
    event_id: event.eventId,
    action: event.eventType,
    actor_id: event.meta.actorId ?? null,
    target_type: facts.targetType ?? null,
    target_id: facts.targetId === undefined || facts.targetId === null ? null : String(facts.targetId),
    request_id: event.meta.requestId ?? null,
    occurred_at: event.occurredAt.toISOString(),
    details: facts.details ?? {},
  };
}

/**
 * Every domain event that has audit facts becomes one audit_log row; a relay round's rows go in
 * one statement. Idempotent: a redelivered event hits the unique event_id and is skipped.
 */
@OnDomainEvent(DomainEvent)
export class RecordAuditEntryWhenDomainEventRelayed implements DomainEventHandler {
  constructor(private readonly em: EntityManager) {}

  handle(event: DomainEvent): Promise<void> {
    return this.handleBatch([event]);
  }

  async handleBatch(events: DomainEvent[]): Promise<void> {
    const rows = events.map(auditRow).filter((row): row is AuditRow => row !== null);
    if (rows.length === 0) return;
    await this.em.getConnection().execute(
      `insert into "audit_log" ("event_id", "action", "actor_id", "target_type", "target_id", "request_id", "occurred_at", "details")
       select "event_id", "action", "actor_id", "target_type", "target_id", "request_id", "occurred_at", "details"
         from jsonb_to_recordset(?::jsonb) as r("event_id" uuid, "action" varchar, "actor_id" int, "target_type" varchar,
              "target_id" varchar, "request_id" varchar, "occurred_at" timestamptz, "details" jsonb)
       on conflict ("event_id") do nothing`,
      [JSON.stringify(rows)],
    );
  }
}
