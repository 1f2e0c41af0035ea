import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { Metrics } from './metrics';

type HttpLabel = 'method' | 'route' | 'status';

/** The `route` label of a request no route matched (404s, 405s, router errors). */
export const UNMATCHED_ROUTE = 'unmatched';

/** From 5 ms to 10 s: the argon2 hash of a login (~20 ms) and a slow listing both land in a bucket. */
export const HTTP_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts and times every HTTP response of the app, labelled with the method, the route template
 * as Fastify knows it (`/mentorship_relation/:relation_id/accept`, never the raw URL, so the number
 * of series stays bounded; `unmatched` when no route matched) and the status code.
 *
 * The Fastify `onResponse` hook is added when the module initialises, before Fastify is ready, so
 * both the entry points (runApp) and the e2e harness get it without a line of their own.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  readonly requests: Counter<HttpLabel>;
  readonly duration: Histogram<HttpLabel>;

  constructor(
    metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.requests = new Counter({
      name: 'mentorship_http_requests_total',
      help: 'HTTP responses sent, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'mentorship_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to having sent its response, by method, route template and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS_SECONDS,
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return; // an application context without HTTP
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      this.observe(request, reply);
      done();
    });
  }

  private observe(request: FastifyRequest, reply: FastifyReply): void {
    const labels = {
      method: request.method,
      route: request.routeOptions.url || UNMATCHED_ROUTE,
      status: String(reply.statusCode),
    };
    this.requests.inc(labels);
    this.duration.observe(labels, reply.elapsedTime / 1000);
  }
}
