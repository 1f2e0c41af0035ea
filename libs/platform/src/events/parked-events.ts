import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';

export interface ParkedEvent {
  id: string;
  eventId: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  deliveredTo: string[];
  parkedAt: Date;
}

export interface OutboxRowSummary {
  id: string;
  eventId: string;
  eventType: string;
}

/**
 * Outbox rows the relay gave up on (dead_at set after too many failed attempts), for the admins'
 * failed-jobs view, and putting one back in line.
 */
@Injectable()
export class ParkedEvents {
  constructor(private readonly em: EntityManager) {}

  async list(limit: number): Promise<ParkedEvent[]> {
    const rows = await (this.em.fork() as SqlEntityManager).execute<
      Array<{
        id: string;
        event_id: string;
        event_type: string;
        attempts: number;
        last_error: string | null;
        delivered_to: string[];
        dead_at: Date | string;
      }>
    >(
      `select "id", "event_id", "event_type", "attempts", "last_error", "delivered_to", "dead_at" from "outbox"
        where "dead_at" is not null order by "dead_at" desc, "id" desc limit ?`,
      [limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      eventId: row.event_id,
      eventType: row.event_type,
      attempts: row.attempts,
      lastError: row.last_error,
      deliveredTo: row.delivered_to ?? [],
      parkedAt: new Date(row.dead_at),
    }));
  }

  /** Outbox rows by id (the failed jobs name the row they deliver). */
  async summaries(ids: string[]): Promise<Map<string, OutboxRowSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await (this.em.fork() as SqlEntityManager).execute<
      Array<{ id: string; event_id: string; event_type: string }>
    >(
      `select "id", "event_id", "event_type" from "outbox"
        where "id" in (select jsonb_array_elements_text(?::jsonb)::bigint)`,
      [JSON.stringify(ids)],
    );
    return new Map(
      rows.map((row) => [String(row.id), { id: String(row.id), eventId: row.event_id, eventType: row.event_type }]),
    );
  }

  /**
   * Puts a parked row back in line with a fresh count of attempts, in the caller's transaction.
   * Handlers that succeeded before are not run again. False when no parked row has this id.
   */
  async requeue(em: SqlEntityManager, id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const rows = await em.execute<Array<{ id: string }>>(
      `update "outbox" set "dead_at" = null, "attempts" = 0, "available_at" = now(), "locked_until" = null
        where "id" = ? and "dead_at" is not null returning "id"`,
      [id],
    );
    return rows.length > 0;
  }
}
