import { Query } from '@nestjs/cqrs';
import type { DashboardView } from '../http/relation.presenter';

/** GET /dashboard. */
export class GetDashboardQuery extends Query<DashboardView> {
  constructor(readonly userId: number) {
    super();
  }
}
