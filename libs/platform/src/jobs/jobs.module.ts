import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BackgroundWork, PROCESS_ROLE, type ProcessRole } from './background-work';
import { JobQueues } from './job-queues';
import { QueueMetrics } from './queue-metrics';

/** The process's role, the background work that follows from it, and the queues; global so every lib can ask. */
@Global()
@Module({})
export class JobsModule {
  static forRole(role: ProcessRole): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: PROCESS_ROLE, useValue: role }, BackgroundWork, JobQueues, QueueMetrics],
      exports: [PROCESS_ROLE, BackgroundWork, JobQueues],
    };
  }
}
