import {
  ApiError,
  INPUT_PAYLOAD_VALIDATION_FAILED,
  Messages,
  restxPayloadErrors,
  type RestxModel,
} from '@app/platform';
import { EMAIL_PATTERN } from './registration.rules';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(body: unknown): body is JsonObject {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** The body as an object, or Flask's generic 400 (the reference would fail on `.get` with a 500). */
export function requireObjectBody(body: unknown): JsonObject {
  if (!isJsonObject(body)) throw new ApiError(400, Messages.BAD_REQUEST);
  return body;
}

/** flask-restx validate=True: the 400 with `errors`, or the body as an object. */
export function requireValidPayload(model: RestxModel, body: unknown): JsonObject {
  const errors = restxPayloadErrors(model, body);
  if (errors) throw new ApiError(400, INPUT_PAYLOAD_VALIDATION_FAILED, { errors });
  return body as JsonObject;
}

/** `{email}` bodies (resend, forgot password): missing, then the reference's email regex. */
export function requireEmailField(body: unknown): string {
  const data = requireObjectBody(body);
  if (!('email' in data)) throw new ApiError(400, Messages.EMAIL_FIELD_IS_MISSING);
  const email = data.email;
  if (typeof email !== 'string' || !EMAIL_PATTERN.test(email)) {
    throw new ApiError(400, Messages.EMAIL_INPUT_BY_USER_IS_INVALID);
  }
  return email;
}
