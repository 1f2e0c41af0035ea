import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { HttpErrorFilter } from './http-error.filter';
import { Messages } from './messages';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { runInCallerScope } from '../auth/request-caller';
import { RouteTable } from './route-table';
import { createValidationPipe } from './validation.pipe';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Node's own bound on a request's head (all headers), named here so that it is documented. */
export const HEADER_LIMIT_BYTES = 16 * 1024;

/**
 * What the HTTP parser refuses before Fastify routes anything (a request that is too slow to
 * arrive, a head over HEADER_LIMIT_BYTES, bytes that are not HTTP): answered as {"message"} like
 * every other error, then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', Messages.REQUEST_TIMEOUT]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', Messages.REQUEST_HEADER_FIELDS_TOO_LARGE]
        : [400, 'Bad Request', Messages.BAD_REQUEST];
  const body = JSON.stringify({ message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Fastify as the reference's clients expect it: trailing slashes tolerated, 1 MB bodies, request ids. */
export function createFastifyAdapter(
  options: { trustProxy?: boolean | number | string; requestTimeoutSeconds?: number } = {},
): FastifyAdapter {
  const requestTimeoutMs = (options.requestTimeoutSeconds ?? 30) * 1000;
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A client that trickles its request in (slowloris) holds a socket at most this long. Node only
    // enforces it while headersTimeout is not longer, and checks every connectionsCheckingInterval
    // (30 s by default): every second here.
    requestTimeout: requestTimeoutMs,
    http: {
      maxHeaderSize: HEADER_LIMIT_BYTES,
      headersTimeout: Math.min(60_000, requestTimeoutMs),
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
    clientErrorHandler: answerClientError,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: false, maxParamLength: 8_192 },
    genReqId: requestIdOf,
    // In-flight requests finish on shutdown; idle keep-alive sockets are closed so close() returns.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Only proxies named by TRUST_PROXY may set the client address (X-Forwarded-For): it keys the login throttle.
    trustProxy: (options.trustProxy ?? false) as boolean, // Fastify also takes a hop count; its types omit it
    // Errors the router raises before any handler (and so before the error filter) runs.
    frameworkErrors: (error: { code?: string }, _request: FastifyRequest, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .code(tooLong ? 414 : 400)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ message: tooLong ? Messages.URI_TOO_LONG : Messages.BAD_REQUEST });
    },
  });
}

function badRequest(): ApiError {
  return new ApiError(400, Messages.BAD_REQUEST);
}

/**
 * One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` as
 * application/x-www-form-urlencoded (or multipart/form-data) to the link. Those routes need no
 * body, so whatever they are sent is accepted and ignored; every other route keeps JSON only.
 */
const ANY_BODY_PATH = /^\/unsubscribe\/[^/?#]+\/?(?:[?#]|$)/;

function takesAnyBody(request: FastifyRequest): boolean {
  return request.method === 'POST' && ANY_BODY_PATH.test(request.url);
}

/**
 * JSON is the only body type (except the unsubscribe links: takesAnyBody). An unparsable body, or a body of another type, is Flask's 400.
 * An empty JSON body is tolerated on methods that carry none.
 */
function registerBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  const parser = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ) => {
    // Flask routes before it reads a body: an unknown URL is a 404 whatever the body holds.
    if (request.is404) return done(null, undefined);
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.length === 0) {
      if (METHODS_WITHOUT_BODY.has(request.method)) return done(null, undefined);
      return done(badRequest(), undefined);
    }
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(badRequest(), undefined);
      done(null, value);
    });
  };
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parser);
  // Flask's request.is_json also accepts application/*+json.
  fastify.addContentTypeParser(
    /^application\/[\w.-]+\+json$/ as unknown as string,
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    parser,
  );
  fastify.addContentTypeParser('*', { bodyLimit: BODY_LIMIT_BYTES }, (request, _payload, done) =>
    request.is404 || takesAnyBody(request) ? done(null, undefined) : done(badRequest(), undefined),
  );
}

/** Applies the HTTP conventions of the platform to an app; call before `init()`/`listen()`. */
export function configureHttp(app: NestFastifyApplication | INestApplication): void {
  const fastifyApp = app as NestFastifyApplication;
  const fastify = fastifyApp.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  const routes = new RouteTable();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('preHandler', (_request, _reply, done) => runInCallerScope(done));
  fastifyApp.useGlobalFilters(new HttpErrorFilter(routes));
  fastifyApp.useGlobalPipes(createValidationPipe());
}
