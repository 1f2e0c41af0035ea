import { Query } from '@nestjs/cqrs';
import type { AdminReportPage } from '../http/report.presenter';

/** GET /admin/reports?state=&page=&per_page=: a page, newest first (admins only). */
export class ListReportsQuery extends Query<AdminReportPage> {
  constructor(
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
