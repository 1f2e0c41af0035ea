import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.provider';
import { requestIdOf } from '../http/request-id';

/** Paths pino replaces with "[REDACTED]": credentials never reach the log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'new_password',
  'current_password',
  'access_token',
  'refresh_token',
  'token',
  '*.password',
  '*.new_password',
  '*.current_password',
  '*.access_token',
  '*.refresh_token',
  '*.token',
  '*.*.password',
  '*.*.token',
];

/**
 * Tokens travel in some URLs (the emailed confirmation, reset and unsubscribe links, the live
 * stream's ticket); mask them in logged URLs.
 */
export function redactUrl(url: string | undefined): string | undefined {
  return url
    ?.replace(/(\/(?:confirm_email|reset_password|unsubscribe)\/)[^/?#]+/gi, '$1[REDACTED]')
    .replace(/([?&](?:token|access_token|refresh_token|ticket)=)[^&#]*/gi, '$1[REDACTED]');
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // nestjs-pino's default route pattern matches nothing on platform-fastify 12 (STACK-NOTES).
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req: IncomingMessage) => requestIdOf(req),
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
          quietReqLogger: true,
          customLogLevel: (_req, res, error) =>
            error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          serializers: {
            req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
              headers: req.headers,
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
