import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditLogModule, AuditModule } from '@app/audit';
import { MentorshipModule } from '@app/mentorship';
import { NotificationsModule } from '@app/notifications';
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
    NotificationsModule,
    AuditModule,
    AuditLogModule,
    OperationsModule,
  ],
})
export class ApiModule {}
