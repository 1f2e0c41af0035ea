import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { requireLiveAdmin } from '@app/accounts';
import { ApiError, formatMessage, Messages, queryInteger, totalCountBound, totalFromBoundedCount } from '@app/platform';
import { Report } from '../domain/report.entity';
import { stateFilter } from '../domain/report.rules';
import { type AdminReportPage, presentAdminReport } from '../http/report.presenter';
import { ListReportsQuery } from './list-reports.query';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

/** The reports, newest first, in one state or all; served by reports_state_idx (state, id). */
@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId, params }: ListReportsQuery): Promise<AdminReportPage> {
    const em = this.em.fork() as SqlEntityManager;
    await requireLiveAdmin(em, callerId);
    const state = stateFilter(params.state);
    if (state === null)
      throw new ApiError(400, formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'state' }));
    const page = queryInteger(params, 'page', 1, 1_000_000) ?? 1;
    const perPage = queryInteger(params, 'per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE;
    const where: FilterQuery<Report> = state ? { state } : {};
    const bound = totalCountBound(page, perPage);
    // A bounded count: it stops at the bound instead of scanning every report.
    const [{ matches }] = await em.execute<Array<{ matches: number }>>(
      `select count(*)::int as "matches" from (select 1 from "reports" ${state ? 'where "state" = ?' : ''} limit ?) as "bounded"`,
      state ? [state, bound] : [bound],
    );
    const reports = await em.find(Report, where, {
      orderBy: { id: 'desc' },
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    return { reports: reports.map(presentAdminReport), total: totalFromBoundedCount(matches, bound), page, perPage };
  }
}
