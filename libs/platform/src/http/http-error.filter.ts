import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { Messages } from './messages';
import { isDatabaseUnavailable } from './unavailable';
import type { RouteTable } from './route-table';

export interface ErrorResponse {
  status: number;
  /** `{"message": ...}`; a list only where the reference answers one (an unknown relation_state is `[]`). */
  body: ({ message: string } & Record<string, unknown>) | unknown[];
  headers?: Record<string, string>;
}

/** Werkzeug's texts for statuses that carry no message of ours. */
const GENERIC_TEXT: Record<number, string> = {
  400: Messages.BAD_REQUEST,
  401: Messages.UNAUTHORIZED,
  403: Messages.FORBIDDEN,
  404: Messages.URL_NOT_FOUND,
  405: Messages.METHOD_NOT_ALLOWED,
  413: Messages.PAYLOAD_TOO_LARGE,
  415: Messages.UNSUPPORTED_MEDIA_TYPE,
  429: Messages.TOO_MANY_REQUESTS,
  500: Messages.INTERNAL_SERVER_ERROR,
  503: Messages.SERVICE_UNAVAILABLE,
};

/** Errors raised by Fastify while reading the request, before any handler runs. */
const FASTIFY_ERRORS: Record<string, ErrorResponse> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, body: { message: Messages.PAYLOAD_TOO_LARGE } },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 400, body: { message: Messages.BAD_REQUEST } },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, body: { message: Messages.BAD_REQUEST } },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, body: { message: Messages.BAD_REQUEST } },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, body: { message: Messages.BAD_REQUEST } },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, body: { message: Messages.BAD_REQUEST } },
};

function fastifyErrorIn(exception: unknown): { code: string; statusCode: number } | undefined {
  for (const candidate of [exception, (exception as { cause?: unknown } | undefined)?.cause]) {
    if (!(candidate instanceof Error)) continue;
    const { code, statusCode } = candidate as Error & { code?: unknown; statusCode?: unknown };
    if (typeof code === 'string' && code.startsWith('FST_')) {
      return { code, statusCode: typeof statusCode === 'number' ? statusCode : 500 };
    }
  }
  return undefined;
}

function genericText(status: number): string {
  return GENERIC_TEXT[status] ?? (status >= 500 ? Messages.INTERNAL_SERVER_ERROR : Messages.BAD_REQUEST);
}

/** Maps anything thrown to the reference's `{"message": "..."}` body. Pure, so it is unit-tested. */
export function toErrorResponse(exception: unknown, routeMatched: boolean): ErrorResponse {
  // Nest wraps Fastify's own 4xx errors in an HttpException whose cause is the FastifyError.
  const fastifyError = fastifyErrorIn(exception);
  if (fastifyError) {
    const known = FASTIFY_ERRORS[fastifyError.code];
    if (known) return known;
    if (fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { status: fastifyError.statusCode, body: { message: genericText(fastifyError.statusCode) } };
    }
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === HttpStatus.NOT_FOUND && !routeMatched) {
      return { status, body: { message: Messages.URL_NOT_FOUND } };
    }
    const response = exception.getResponse();
    const headers = exception instanceof ApiError ? exception.headers : undefined;
    if (Array.isArray(response)) return { status, body: response, headers };
    if (typeof response === 'string') {
      return { status, body: { message: response === STATUS_CODES[status] ? genericText(status) : response }, headers };
    }
    if (response && typeof response === 'object') {
      const { message, statusCode: _statusCode, ...rest } = response as Record<string, unknown>;
      // Nest's own bodies look like {statusCode, message, error: "Not Found"}: drop their error text.
      if (typeof rest.error === 'string') delete rest.error;
      // Our own exceptions carry the exact message; Nest's defaults ("Not Found") get Werkzeug's text.
      const isNestDefault = message === STATUS_CODES[status];
      if (typeof message === 'string' && !isNestDefault) {
        return { status, body: { ...rest, message }, headers };
      }
      if (Array.isArray(message) && typeof message[0] === 'string' && !isNestDefault) {
        return { status, body: { message: message[0] }, headers };
      }
    }
    return { status, body: { message: genericText(status) }, headers };
  }

  // The database is down or unreachable: the client may retry; nothing about it is shown.
  if (isDatabaseUnavailable(exception)) {
    return { status: 503, body: { message: Messages.SERVICE_UNAVAILABLE }, headers: { 'Retry-After': '5' } };
  }
  return { status: 500, body: { message: Messages.INTERNAL_SERVER_ERROR } };
}

/** The one place errors become responses: `{"message": "..."}`, never a stack. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly routes?: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const routeMatched = Boolean(request?.routeOptions?.url);
    let response = toErrorResponse(exception, routeMatched);
    if (!routeMatched && response.status === 404 && this.routes && request) {
      const allowed = this.routes.allowedMethods(request.url.split('?')[0]);
      if (allowed.length > 0) {
        response = {
          status: 405,
          body: { message: Messages.METHOD_NOT_ALLOWED },
          headers: { Allow: allowed.join(', ') },
        };
      }
    }
    if (response.status >= 500) {
      this.logger.error({ err: exception, reqId: request?.id }, 'Unhandled error while serving a request');
    }
    if (reply.sent) return;
    if (response.headers) void reply.headers(response.headers);
    void reply.status(response.status).type('application/json; charset=utf-8').send(response.body);
  }
}
