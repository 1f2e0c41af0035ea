import { Module } from '@nestjs/common';
import { AccountTokens } from '@app/accounts';
import { CollectTaskDigestWhenTaskActivity } from './handlers/collect-task-digest-when-task-activity.handler';
import { RelationParties } from './handlers/relation-parties';
import { TaskDigestSender } from './handlers/task-digest-sender';
import { SendAcceptedEmailWhenRelationAccepted } from './handlers/send-accepted-email-when-relation-accepted.handler';
import { SendCancelledEmailWhenRelationCancelled } from './handlers/send-cancelled-email-when-relation-cancelled.handler';
import { SendCompletedEmailsWhenRelationCompleted } from './handlers/send-completed-emails-when-relation-completed.handler';
import { SendRejectedEmailWhenRelationRejected } from './handlers/send-rejected-email-when-relation-rejected.handler';
import { SendRequestEmailWhenRelationRequested } from './handlers/send-request-email-when-relation-requested.handler';
import { SendWithdrawnEmailWhenRelationRequestWithdrawn } from './handlers/send-withdrawn-email-when-relation-request-withdrawn.handler';
import { SendPasswordResetEmailWhenPasswordResetRequested } from './handlers/send-password-reset-email-when-password-reset-requested.handler';
import { SendVerificationEmailWhenVerificationEmailRequested } from './handlers/send-verification-email-when-verification-email-requested.handler';

/** Domain events → emails. Nothing depends on this lib. */
@Module({
  providers: [
    AccountTokens,
    SendVerificationEmailWhenVerificationEmailRequested,
    SendPasswordResetEmailWhenPasswordResetRequested,
    RelationParties,
    SendRequestEmailWhenRelationRequested,
    SendAcceptedEmailWhenRelationAccepted,
    SendRejectedEmailWhenRelationRejected,
    SendCancelledEmailWhenRelationCancelled,
    SendCompletedEmailsWhenRelationCompleted,
    SendWithdrawnEmailWhenRelationRequestWithdrawn,
    CollectTaskDigestWhenTaskActivity,
    TaskDigestSender,
  ],
  exports: [TaskDigestSender],
})
export class NotificationsModule {}
