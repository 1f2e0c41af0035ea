import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditLogModule, AuditModule } from '@app/audit';
import { ChatModule } from '@app/chat';
import { MentorshipModule } from '@app/mentorship';
import { ModerationModule } from '@app/moderation';
import { LiveStreamModule, NotificationsHttpModule, NotificationsModule } from '@app/notifications';
import { OperationsModule } from '@app/operations';
import { PlatformModule } from '@app/platform';
import { TasksModule } from '@app/tasks';

/** Composition root of the HTTP API. Feature modules are added here. */
@Module({
  imports: [
    PlatformModule.forRoot({ role: 'api' }),
    AccountsModule,
    MentorshipModule,
    TasksModule,
    ChatModule,
    ModerationModule,
    NotificationsModule,
    NotificationsHttpModule,
    LiveStreamModule,
    AuditModule,
    AuditLogModule,
    OperationsModule,
  ],
})
export class ApiModule {}
