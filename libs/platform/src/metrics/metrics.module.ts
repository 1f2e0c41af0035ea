import { Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool-metrics';
import { HttpMetrics } from './http-metrics';
import { Metrics } from './metrics';
import { MetricsEndpoint } from './metrics-endpoint';
import { OutboxMetrics } from './outbox-metrics';

/**
 * Prometheus metrics for the API and the worker alike: the `Metrics` registry (global, so any lib
 * may add its own metrics to it), HTTP request counts and durations, the outbox, the database pool
 * and Node's process metrics, served as `GET /metrics` by the rules of metricsExposure().
 */
@Global()
@Module({
  providers: [Metrics, HttpMetrics, OutboxMetrics, DatabasePoolMetrics, MetricsEndpoint],
  exports: [Metrics],
})
export class MetricsModule {}
