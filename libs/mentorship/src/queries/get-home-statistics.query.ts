import { Query } from '@nestjs/cqrs';
import type { AchievementView } from '../domain/relation-task-lists';

export interface HomeStatisticsView {
  name: string | null;
  pending_requests: number;
  accepted_requests: number;
  rejected_requests: number;
  completed_relations: number;
  cancelled_relations: number;
  achievements: AchievementView[];
}

/** GET /home. */
export class GetHomeStatisticsQuery extends Query<HomeStatisticsView> {
  constructor(readonly userId: number) {
    super();
  }
}
