import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { OutboxCleanupJob } from './outbox-cleanup.job';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay';
import { ParkedEvents } from './parked-events';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { DEFAULT_OUTBOX_OPTIONS, OUTBOX_OPTIONS, type OutboxOptions } from './outbox.options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [DiscoveryModule, MikroOrmModule.forFeature([OutboxMessage])],
  providers: [
    {
      provide: OUTBOX_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): OutboxOptions => ({
        ...DEFAULT_OUTBOX_OPTIONS,
        concurrency: config.outboxConcurrency,
        leaseMs: config.outboxLeaseSeconds * 1000,
        requeueAfterMs: config.outboxRequeueAfterSeconds * 1000,
      }),
    },
    OutboxRelay,
    UnitOfWork,
    OutboxCleanupJob,
    ParkedEvents,
  ],
  exports: [OutboxRelay, UnitOfWork, OutboxCleanupJob, ParkedEvents],
})
export class EventsModule {}
