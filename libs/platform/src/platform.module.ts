import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import type { ProcessRole } from './jobs/background-work';
import { JobsModule } from './jobs/jobs.module';
import { LiveModule } from './live/live.module';
import { LoggingModule } from './logging/logging.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { RedisModule } from './redis/redis.module';
import { SchedulingModule } from './scheduling/scheduling.module';

/** Everything a feature stands on. Imported once, by each entry point's root module, with its role. */
@Module({})
export class PlatformModule {
  static forRoot(options: { role: ProcessRole }): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        JobsModule.forRole(options.role),
        ConfigModule,
        LoggingModule,
        DatabaseModule,
        RedisModule,
        CqrsModule.forRoot(),
        AuthModule,
        EventsModule,
        MailModule,
        MetricsModule,
        HealthModule,
        SchedulingModule,
        LiveModule,
      ],
      exports: [CqrsModule],
    };
  }
}
