import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { OutboxCleanupJob } from './outbox-cleanup.job';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';
import { DEFAULT_OUTBOX_OPTIONS, OUTBOX_OPTIONS } from './outbox.options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [DiscoveryModule, MikroOrmModule.forFeature([OutboxMessage])],
  providers: [{ provide: OUTBOX_OPTIONS, useValue: DEFAULT_OUTBOX_OPTIONS }, OutboxRelay, UnitOfWork, OutboxCleanupJob],
  exports: [OutboxRelay, UnitOfWork, OutboxCleanupJob],
})
export class EventsModule {}
