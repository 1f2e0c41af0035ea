import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[\w.:-]{1,100}$/;

/**
 * The request id: the caller's X-Request-Id when it looks sane, a new UUID otherwise. Stored on the
 * raw request too, so pino-http (which only sees the raw request) logs the same id.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const existing = (raw as IncomingMessage & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = raw.headers[REQUEST_ID_HEADER];
  const id = typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}
