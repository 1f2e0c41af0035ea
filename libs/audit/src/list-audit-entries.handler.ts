import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { requireLiveAdmin } from '@app/accounts';
import { ApiError, formatMessage, Messages, queryInteger } from '@app/platform';
import { AuditEntry } from './audit-entry.entity';
import { type AuditLogPage, ListAuditEntriesQuery } from './list-audit-entries.query';

const MAX_PER_PAGE = 100;

function single(params: Record<string, unknown>, name: string): string | undefined {
  const raw = params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function invalid(name: string): ApiError {
  return new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
}

/** Epoch seconds (as everywhere in this API) or an ISO-8601 date-time. */
function instant(params: Record<string, unknown>, name: string): Date | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const date = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(name);
  return date;
}

@QueryHandler(ListAuditEntriesQuery)
export class ListAuditEntriesHandler implements IQueryHandler<ListAuditEntriesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId, params }: ListAuditEntriesQuery): Promise<AuditLogPage> {
    const em = this.em.fork();
    await requireLiveAdmin(em, callerId);

    const page = queryInteger(params, 'page', 1, 1_000_000) ?? 1;
    const perPage = queryInteger(params, 'per_page', 1, MAX_PER_PAGE) ?? 20;
    const where: FilterQuery<AuditEntry>[] = [];
    const actorId = queryInteger(params, 'actor_id', 0, 2_147_483_647);
    if (actorId !== undefined) where.push({ actorId });
    const action = single(params, 'action');
    if (action !== undefined) {
      if (!/^[\w.]{1,120}$/.test(action)) throw invalid('action');
      where.push({ action });
    }
    const since = instant(params, 'since');
    if (since) where.push({ occurredAt: { $gte: since } });
    const until = instant(params, 'until');
    if (until) where.push({ occurredAt: { $lt: until } });

    const [entries, total] = await em.findAndCount(AuditEntry, { $and: where } as FilterQuery<AuditEntry>, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    return {
      entries: entries.map((entry) => ({
        id: Number(entry.id),
        event_id: entry.eventId,
        action: entry.action,
        actor_id: entry.actorId ?? null,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        request_id: entry.requestId ?? null,
        occurred_at: entry.occurredAt.getTime() / 1000,
        details: entry.details,
      })),
      total,
      page,
      perPage,
    };
  }
}
