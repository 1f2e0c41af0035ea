import { Query } from '@nestjs/cqrs';

export interface AuditEntryView {
  id: number;
  event_id: string;
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  occurred_at: number;
  details: Record<string, unknown>;
}

export interface AuditLogPage {
  entries: AuditEntryView[];
  total: number;
  page: number;
  perPage: number;
}

/** GET /admin/audit_log: newest first, filtered by actor, action and time range (admins only). */
export class ListAuditEntriesQuery extends Query<AuditLogPage> {
  constructor(
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
