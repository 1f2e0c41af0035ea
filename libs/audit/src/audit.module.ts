import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditEntry } from './audit-entry.entity';
import { RecordAuditEntryWhenDomainEventRelayed } from './record-audit-entry-when-domain-event-relayed.handler';

/** Domain events → audit log. Nothing depends on this lib. */
@Module({
  imports: [MikroOrmModule.forFeature([AuditEntry])],
  providers: [RecordAuditEntryWhenDomainEventRelayed],
})
export class AuditModule {}
