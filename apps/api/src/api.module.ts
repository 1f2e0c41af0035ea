import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { PlatformModule } from '@app/platform';

/** Composition root of the HTTP API. Feature modules are added here. */
@Module({
  imports: [PlatformModule, AuditModule],
})
export class ApiModule {}
