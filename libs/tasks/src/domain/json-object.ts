import { ApiError, Messages } from '@app/platform';

/** The body as an object, or Flask's generic 400 (the reference fails on `in` with a 500). */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, Messages.BAD_REQUEST);
  return body as Record<string, unknown>;
}
