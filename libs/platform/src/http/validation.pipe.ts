import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error';
import { Messages } from './messages';

/** Nest's own text when a DTO body is an array or a primitive: not one of ours, so the generic 400. */
const NOT_AN_OBJECT = 'Validation failed (object is expected)';

function firstMessage(errors: ValidationError[]): string | undefined {
  for (const error of errors) {
    if (error.constraints?.isObject === NOT_AN_OBJECT) return Messages.BAD_REQUEST;
    const constraint = error.constraints && Object.values(error.constraints)[0];
    if (constraint) return constraint;
    const nested = firstMessage(error.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * class-validator on every DTO: unknown fields are dropped, and the first failed rule becomes a
 * 400 `{"message": ...}` (DTOs put catalogue texts in their decorators' `message`).
 */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ApiError(400, firstMessage(errors) ?? Messages.BAD_REQUEST),
  });
}

/**
 * Validates bodies only. Path and query values reach their own pipes as the strings they were
 * (FlaskIntPipe must see "0012" or "1.5", not what Number() made of them).
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return metadata.type === 'body' ? super.transform(value, metadata) : value;
  }
}
