import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogController } from './audit-log.controller';
import { ListAuditEntriesHandler } from './list-audit-entries.handler';

/** The admins' view of the audit log over HTTP (the API only; the worker has no routes). */
@Module({
  imports: [MikroOrmModule.forFeature([AuditEntry])],
  controllers: [AuditLogController],
  providers: [ListAuditEntriesHandler],
})
export class AuditLogModule {}
