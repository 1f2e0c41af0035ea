import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MentorshipAvailability } from '@app/accounts';
import { AcceptRequestHandler } from './commands/accept-request.handler';
import { CancelRelationHandler } from './commands/cancel-relation.handler';
import { CompleteDueRelationsHandler } from './commands/complete-due-relations.handler';
import { DeleteRequestHandler } from './commands/delete-request.handler';
import { DetachDeletedUserHandler } from './commands/detach-deleted-user.handler';
import { RejectRequestHandler } from './commands/reject-request.handler';
import { SendRequestHandler } from './commands/send-request.handler';
import { ActiveMentorshipAvailability } from './domain/active-mentorships';
import { CompleteDueRelationsJob } from './domain/complete-due-relations.job';
import { MentorshipRelation } from './domain/mentorship-relation.entity';
import { RelationFeedback } from './domain/relation-feedback.entity';
import { RelationProposal } from './domain/relation-proposal.entity';
import { HomeController } from './http/home.controller';
import { RelationsController } from './http/relations.controller';
import { GetCurrentRelationHandler } from './queries/get-current-relation.handler';
import { GetDashboardHandler } from './queries/get-dashboard.handler';
import { GetHomeStatisticsHandler } from './queries/get-home-statistics.handler';
import { ListRelationsHandler } from './queries/list-relations.handler';
import { DetachRelationsWhenUserDeleted } from './reactions/detach-relations-when-user-deleted.handler';

/**
 * The mentorship use cases without routes: what the worker runs too (the completion job, the
 * reaction to deleted accounts) and what the HTTP module builds on.
 */
@Module({
  imports: [MikroOrmModule.forFeature([MentorshipRelation, RelationProposal, RelationFeedback])],
  providers: [
    SendRequestHandler,
    AcceptRequestHandler,
    RejectRequestHandler,
    CancelRelationHandler,
    DeleteRequestHandler,
    CompleteDueRelationsHandler,
    DetachDeletedUserHandler,
    ListRelationsHandler,
    GetCurrentRelationHandler,
    GetHomeStatisticsHandler,
    GetDashboardHandler,
    DetachRelationsWhenUserDeleted,
    CompleteDueRelationsJob,
    ActiveMentorshipAvailability,
    { provide: MentorshipAvailability, useExisting: ActiveMentorshipAvailability },
  ],
  exports: [CompleteDueRelationsJob, MentorshipAvailability],
})
export class MentorshipCoreModule {}

/** Mentorship relations, home statistics and the dashboard: the routes. */
@Module({
  imports: [MentorshipCoreModule],
  controllers: [RelationsController, HomeController],
  exports: [MentorshipCoreModule],
})
export class MentorshipModule {}
