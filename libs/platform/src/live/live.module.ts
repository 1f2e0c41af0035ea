import { Global, Module } from '@nestjs/common';
import { InProcessLiveBus } from './in-process-live-bus';
import { LiveBus } from './live-bus';

/** The LiveBus every feature publishes to (in-process; across replicas through Redis when REDIS_URL is set). */
@Global()
@Module({
  providers: [InProcessLiveBus, { provide: LiveBus, useExisting: InProcessLiveBus }],
  exports: [LiveBus, InProcessLiveBus],
})
export class LiveModule {}
