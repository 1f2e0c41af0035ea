import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { Messages } from './messages';

/**
 * Documents a `{"message": ...}` answer: every text the endpoint can give with this status is
 * listed in the description and the first is the example.
 */
export const ApiMessage = (status: number, ...messages: string[]) =>
  ApiResponse({
    status,
    description: messages.map((message) => `"${message}"`).join(' or '),
    schema: {
      type: 'object',
      required: ['message'],
      properties: { message: { type: 'string', example: messages[0] } },
    },
  });

/** The flask-restx 400 of a schema-validated body. */
export const ApiPayloadValidationError = (example: Record<string, string>) =>
  ApiResponse({
    status: 400,
    description: 'The body does not match the schema (flask-restx format)',
    schema: {
      type: 'object',
      properties: {
        errors: { type: 'object', additionalProperties: { type: 'string' }, example },
        message: { type: 'string', example: 'Input payload validation failed' },
      },
    },
  });

/** An access-token route: bearer auth and the three 401s. */
export const ApiAccessToken = () =>
  applyDecorators(
    ApiBearerAuth('bearer'),
    ApiMessage(
      401,
      Messages.AUTHORISATION_TOKEN_IS_MISSING,
      Messages.TOKEN_HAS_EXPIRED,
      Messages.TOKEN_IS_INVALID,
      Messages.TOKEN_HAS_BEEN_REVOKED,
    ),
  );

/** ApiOperation options of a route that needs no token (overrides the document's bearer requirement). */
export const NO_TOKEN: { security: [] } = { security: [] };
