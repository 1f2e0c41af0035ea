import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AccountTokens } from '@app/accounts';
import { Notification } from './domain/notification.entity';
import { NotificationSettings } from './domain/notification-settings.entity';
import { DeleteNotificationsWhenUserDeleted } from './feed/delete-notifications-when-user-deleted.handler';
import { NotificationFeed } from './feed/notification-feed';
import { RecordNotificationsWhenDomainEventRelayed } from './feed/record-notifications-when-domain-event-relayed.handler';
import { EmailPreferences } from './settings/email-preferences';
import { UnsubscribeTokens } from './settings/unsubscribe-tokens';
import { CollectTaskDigestWhenTaskActivity } from './handlers/collect-task-digest-when-task-activity.handler';
import { RelationParties } from './handlers/relation-parties';
import { TaskDigestSender } from './handlers/task-digest-sender';
import { ChatDigestSender } from './handlers/chat-digest-sender';
import { ScheduleChatDigestWhenChatMessagePosted } from './handlers/chat-digest-when-chat-message-posted.handler';
import { SendAcceptedEmailWhenRelationAccepted } from './handlers/send-accepted-email-when-relation-accepted.handler';
import { SendCancelledEmailWhenRelationCancelled } from './handlers/send-cancelled-email-when-relation-cancelled.handler';
import { SendCompletedEmailsWhenRelationCompleted } from './handlers/send-completed-emails-when-relation-completed.handler';
import { SendRejectedEmailWhenRelationRejected } from './handlers/send-rejected-email-when-relation-rejected.handler';
import { SendRequestEmailWhenRelationRequested } from './handlers/send-request-email-when-relation-requested.handler';
import { SendWithdrawnEmailWhenRelationRequestWithdrawn } from './handlers/send-withdrawn-email-when-relation-request-withdrawn.handler';
import { SendReminderEmailWhenRelationRequestReminded } from './handlers/send-reminder-email-when-relation-request-reminded.handler';
import { SendExpiredEmailWhenRelationRequestExpired } from './handlers/send-expired-email-when-relation-request-expired.handler';
import { SendProposalEmailWhenProposalMade } from './handlers/send-proposal-email-when-proposal-made.handler';
import { SendAcceptedEmailWhenProposalAccepted } from './handlers/send-accepted-email-when-proposal-accepted.handler';
import { SendDeclinedEmailWhenProposalDeclined } from './handlers/send-declined-email-when-proposal-declined.handler';
import { SendWithdrawnEmailWhenProposalWithdrawn } from './handlers/send-withdrawn-email-when-proposal-withdrawn.handler';
import { SendFeedbackEmailWhenFeedbackLeft } from './handlers/send-feedback-email-when-feedback-left.handler';
import { SendReportEmailWhenReportFiled } from './handlers/send-report-email-when-report-filed.handler';
import { SendPasswordResetEmailWhenPasswordResetRequested } from './handlers/send-password-reset-email-when-password-reset-requested.handler';
import { SendVerificationEmailWhenVerificationEmailRequested } from './handlers/send-verification-email-when-verification-email-requested.handler';

/** Domain events → emails and in-app notifications. Nothing depends on this lib. */
@Module({
  imports: [MikroOrmModule.forFeature([Notification, NotificationSettings])],
  providers: [
    AccountTokens,
    UnsubscribeTokens,
    EmailPreferences,
    NotificationFeed,
    RecordNotificationsWhenDomainEventRelayed,
    DeleteNotificationsWhenUserDeleted,
    SendVerificationEmailWhenVerificationEmailRequested,
    SendPasswordResetEmailWhenPasswordResetRequested,
    RelationParties,
    SendRequestEmailWhenRelationRequested,
    SendAcceptedEmailWhenRelationAccepted,
    SendRejectedEmailWhenRelationRejected,
    SendCancelledEmailWhenRelationCancelled,
    SendCompletedEmailsWhenRelationCompleted,
    SendWithdrawnEmailWhenRelationRequestWithdrawn,
    SendReminderEmailWhenRelationRequestReminded,
    SendExpiredEmailWhenRelationRequestExpired,
    SendProposalEmailWhenProposalMade,
    SendAcceptedEmailWhenProposalAccepted,
    SendDeclinedEmailWhenProposalDeclined,
    SendWithdrawnEmailWhenProposalWithdrawn,
    SendFeedbackEmailWhenFeedbackLeft,
    SendReportEmailWhenReportFiled,
    CollectTaskDigestWhenTaskActivity,
    TaskDigestSender,
    ScheduleChatDigestWhenChatMessagePosted,
    ChatDigestSender,
  ],
  exports: [TaskDigestSender, ChatDigestSender, NotificationFeed, EmailPreferences, UnsubscribeTokens],
})
export class NotificationsModule {}
