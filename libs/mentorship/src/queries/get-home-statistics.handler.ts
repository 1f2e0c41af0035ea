import { ModuleRef } from '@nestjs/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import { RelationState } from '../domain/relation-state';
import { type HomeStatisticsView, GetHomeStatisticsQuery } from './get-home-statistics.query';
import { relationTaskLists } from './relation-task-lists.provider';

/** Three queries whatever the numbers: the user, the counts by state, the achievements. */
@QueryHandler(GetHomeStatisticsQuery)
export class GetHomeStatisticsHandler implements IQueryHandler<GetHomeStatisticsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute({ userId }: GetHomeStatisticsQuery): Promise<HomeStatisticsView> {
    const em = this.em.fork() as SqlEntityManager;
    const user = await findLiveUserById(em, userId);
    if (!user) throw new ApiError(404, Messages.USER_NOT_FOUND);
    const rows = await em.execute<Array<{ state: number; count: string | number }>>(
      `select "state", count(*) as "count" from "mentorship_relations"
        where "mentor_id" = ? or "mentee_id" = ? group by "state"`,
      [userId, userId],
    );
    const count = (state: RelationState) => Number(rows.find((row) => Number(row.state) === state)?.count ?? 0);
    return {
      name: user.name,
      pending_requests: count(RelationState.PENDING),
      accepted_requests: count(RelationState.ACCEPTED),
      rejected_requests: count(RelationState.REJECTED),
      completed_relations: count(RelationState.COMPLETED),
      cancelled_relations: count(RelationState.CANCELLED),
      achievements: await relationTaskLists(this.moduleRef).achievements(userId),
    };
  }
}
