import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import { PlatformModule } from '@app/platform';

/**
 * Composition root of the background worker: the outbox relay and the event handlers (audit,
 * notifications), with health over HTTP. No feature routes.
 */
@Module({
  imports: [PlatformModule, NotificationsModule, AuditModule],
})
export class WorkerModule {}
