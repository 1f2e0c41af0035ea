import {
  ApiError,
  INPUT_PAYLOAD_VALIDATION_FAILED,
  Messages,
  restxPayloadErrors,
  type RestxModel,
} from '@app/platform';

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
