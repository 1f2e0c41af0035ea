import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MentorshipAvailability } from '@app/accounts';
import { AcceptProposalHandler } from './commands/accept-proposal.handler';
import { AcceptRequestHandler } from './commands/accept-request.handler';
import { CancelRelationHandler } from './commands/cancel-relation.handler';
import { CompleteDueRelationsHandler } from './commands/complete-due-relations.handler';
import { DeclineProposalHandler } from './commands/decline-proposal.handler';
import { DeleteRequestHandler } from './commands/delete-request.handler';
import { DetachDeletedUserHandler } from './commands/detach-deleted-user.handler';
import { ExpirePendingRequestsHandler } from './commands/expire-pending-requests.handler';
import { EditFeedbackHandler } from './commands/edit-feedback.handler';
import { HideTestimonialHandler } from './commands/hide-testimonial.handler';
import { LeaveFeedbackHandler } from './commands/leave-feedback.handler';
import { ShowTestimonialHandler } from './commands/show-testimonial.handler';
import { MakeProposalHandler } from './commands/make-proposal.handler';
import { RejectRequestHandler } from './commands/reject-request.handler';
import { RemindPendingRequestsHandler } from './commands/remind-pending-requests.handler';
import { SendRequestHandler } from './commands/send-request.handler';
import { WithdrawProposalHandler } from './commands/withdraw-proposal.handler';
import { ActiveMentorshipAvailability } from './domain/active-mentorships';
import { CompleteDueRelationsJob } from './domain/complete-due-relations.job';
import { MentorshipRelation } from './domain/mentorship-relation.entity';
import { PendingRequestsJob } from './domain/pending-requests.job';
import { RelationFeedback } from './domain/relation-feedback.entity';
import { RelationProposal } from './domain/relation-proposal.entity';
import { FeedbackController } from './http/feedback.controller';
import { HomeController } from './http/home.controller';
import { ProposalsController } from './http/proposals.controller';
import { RelationsController } from './http/relations.controller';
import { TestimonialModerationController, TestimonialsController } from './http/testimonials.controller';
import { GetCurrentRelationHandler } from './queries/get-current-relation.handler';
import { GetDashboardHandler } from './queries/get-dashboard.handler';
import { GetHomeStatisticsHandler } from './queries/get-home-statistics.handler';
import { ListProposalsHandler } from './queries/list-proposals.handler';
import { ListRelationFeedbackHandler } from './queries/list-relation-feedback.handler';
import { ListRelationsHandler } from './queries/list-relations.handler';
import { ListTestimonialsHandler } from './queries/list-testimonials.handler';
import { DetachRelationsWhenUserDeleted } from './reactions/detach-relations-when-user-deleted.handler';
import { WithdrawRequestsWhenUserBlocked } from './reactions/withdraw-requests-when-user-blocked.handler';
import { WithdrawBlockedRequestsHandler } from './commands/withdraw-blocked-requests.handler';
import { RecommendationsController } from './http/recommendations.controller';
import { RecommendUsersHandler } from './queries/recommend-users.handler';

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
    ExpirePendingRequestsHandler,
    RemindPendingRequestsHandler,
    LeaveFeedbackHandler,
    EditFeedbackHandler,
    HideTestimonialHandler,
    ShowTestimonialHandler,
    MakeProposalHandler,
    AcceptProposalHandler,
    DeclineProposalHandler,
    WithdrawProposalHandler,
    ListRelationsHandler,
    ListRelationFeedbackHandler,
    ListTestimonialsHandler,
    ListProposalsHandler,
    GetCurrentRelationHandler,
    GetHomeStatisticsHandler,
    GetDashboardHandler,
    RecommendUsersHandler,
    DetachRelationsWhenUserDeleted,
    WithdrawBlockedRequestsHandler,
    WithdrawRequestsWhenUserBlocked,
    CompleteDueRelationsJob,
    PendingRequestsJob,
    ActiveMentorshipAvailability,
    { provide: MentorshipAvailability, useExisting: ActiveMentorshipAvailability },
  ],
  exports: [CompleteDueRelationsJob, PendingRequestsJob, MentorshipAvailability],
})
export class MentorshipCoreModule {}

/** Mentorship relations, home statistics and the dashboard: the routes. */
@Module({
  imports: [MentorshipCoreModule],
  controllers: [
    RelationsController,
    ProposalsController,
    HomeController,
    FeedbackController,
    TestimonialsController,
    TestimonialModerationController,
    RecommendationsController,
  ],
  exports: [MentorshipCoreModule],
})
export class MentorshipModule {}
