import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { ChatCoreModule } from '@app/chat';
import { MentorshipCoreModule } from '@app/mentorship';
import { ModerationCoreModule } from '@app/moderation';
import { LiveStreamCoreModule, NotificationsModule } from '@app/notifications';
import { OperationsCoreModule } from '@app/operations';
import { PlatformModule } from '@app/platform';
import { TasksCoreModule } from '@app/tasks';

/**
 * Composition root of the background worker: the outbox relay, the event handlers (audit,
 * notifications) and the scheduled jobs (accounts purge, relation completion), with health over HTTP. No feature routes.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ role: 'worker' }),
    AccountsCoreModule,
    MentorshipCoreModule,
    TasksCoreModule,
    ChatCoreModule,
    ModerationCoreModule,
    NotificationsModule,
    LiveStreamCoreModule,
    AuditModule,
    OperationsCoreModule,
  ],
})
export class WorkerModule {}
