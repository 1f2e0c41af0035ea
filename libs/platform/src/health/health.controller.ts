import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { MikroORM } from '@mikro-orm/core';
import type { Redis } from 'ioredis';
import { Public } from '../auth/guards';
import { ApiError } from '../http/api-error';
import { NO_TOKEN } from '../http/api-docs';
import { Messages } from '../http/messages';
import { InjectRedis } from '../redis/redis.module';

const PROBE_TIMEOUT_MS = 2_000;

/** Kubernetes probes. Liveness has no dependencies; readiness checks the database (and Redis). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly orm: MikroORM,
    @InjectRedis() private readonly redis: Redis | null,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up', ...NO_TOKEN })
  @ApiOkResponse({
    description: 'Always 200 while the process runs',
    schema: { example: { status: 'ok', info: {}, error: {}, details: {} } },
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database (and Redis, when REDIS_URL is set) answer', ...NO_TOKEN })
  @ApiOkResponse({
    schema: { example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: {} } },
  })
  @ApiServiceUnavailableResponse({
    schema: {
      example: { message: Messages.SERVICE_UNAVAILABLE, status: 'error', error: { database: { status: 'down' } } },
    },
  })
  async ready() {
    const checks: Array<() => PromiseLike<HealthIndicatorResult>> = [
      () =>
        this.indicators
          .check('database')
          .attempt(async () => {
            await this.orm.em.getConnection().execute('select 1');
          })
          .withTimeout(PROBE_TIMEOUT_MS),
    ];
    const redis = this.redis;
    if (redis) {
      checks.push(() =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            if (redis.status === 'wait' || redis.status === 'end') await redis.connect().catch(() => undefined);
            await redis.ping();
          })
          .withTimeout(PROBE_TIMEOUT_MS),
      );
    }
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        throw new ApiError(503, Messages.SERVICE_UNAVAILABLE, error.getResponse() as Record<string, unknown>);
      }
      throw error;
    }
  }
}
