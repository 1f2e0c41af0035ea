import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { REDIS_CLIENT } from '../redis/redis.module';
import { InProcessLiveBus } from './in-process-live-bus';
import { LiveBus } from './live-bus';
import { RedisLiveBus } from './redis-live-bus';

/**
 * The LiveBus every feature publishes to: through Redis pub/sub across replicas when REDIS_URL is
 * set (RedisLiveBus), in this process only otherwise (InProcessLiveBus).
 */
@Global()
@Module({
  providers: [
    InProcessLiveBus,
    {
      provide: LiveBus,
      inject: [APP_CONFIG, REDIS_CLIENT, InProcessLiveBus],
      useFactory: (config: AppConfig, redis: Redis | null, local: InProcessLiveBus): LiveBus =>
        config.redisUrl && redis ? new RedisLiveBus(redis, local, config.queuePrefix) : local,
    },
  ],
  exports: [LiveBus, InProcessLiveBus],
})
export class LiveModule {}
