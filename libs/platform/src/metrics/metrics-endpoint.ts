import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Metrics } from './metrics';
import { bearerTokenMatches, METRICS_TOKEN_REQUIRED, type MetricsExposure, metricsExposure } from './metrics-exposure';

export const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` where metricsExposure() says (see there for the rules):
 *
 * - on PORT, as a raw Fastify route added when the module initialises: it goes through no Nest
 *   guard, and Swagger (built from the controllers) never documents it;
 * - on METRICS_PORT, with a plain node:http listener started when the app starts and closed when
 *   it closes (before the database is);
 * - or nowhere, with one warning at start.
 */
@Injectable()
export class MetricsEndpoint implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MetricsEndpoint.name);
  private readonly exposure: MetricsExposure;
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
    @InjectConfig() config: AppConfig,
  ) {
    this.exposure = metricsExposure(config);
  }

  onModuleInit(): void {
    if (this.exposure.where === 'nowhere') {
      this.logger.warn(this.exposure.warning);
      return;
    }
    if (this.exposure.where !== 'main-port') return;
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'fastify') return; // an application context without HTTP
    const token = this.exposure.token;
    const registry = this.metrics.registry;
    adapter.getInstance<FastifyInstance>().route({
      method: 'GET',
      url: METRICS_PATH,
      handler: async (request, reply) => {
        if (token !== undefined && !bearerTokenMatches(request.headers.authorization, token)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .type('application/json; charset=utf-8')
            .send({ message: METRICS_TOKEN_REQUIRED });
        }
        const body = await registry.metrics();
        return reply.type(registry.contentType).send(body);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const exposure = this.exposure;
    if (exposure.where !== 'metrics-port') return;
    const server = createServer((request, response) => void this.serveOwnPort(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: exposure.port, host: '0.0.0.0' }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.logger.error({ err: error }, 'The metrics listener failed'));
    this.server = server;
    this.logger.log(`Metrics on http://0.0.0.0:${(server.address() as { port: number }).port}${METRICS_PATH}`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The METRICS_PORT listener: GET (and HEAD) /metrics, with or without a trailing slash; else 404. */
  private async serveOwnPort(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    const isMetrics = path === METRICS_PATH || path === `${METRICS_PATH}/`;
    if (!isMetrics || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found\n');
      return;
    }
    try {
      const body = await this.metrics.registry.metrics();
      response.writeHead(200, {
        'content-type': this.metrics.registry.contentType,
        'content-length': Buffer.byteLength(body),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error({ err: error }, 'Could not collect the metrics');
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error\n');
    }
  }
}
