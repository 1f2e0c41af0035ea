import { BadRequestException, HttpException, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toErrorResponse } from './http-error.filter';
import { Messages } from './messages';

class FakeFastifyError extends Error {
  override name = 'FastifyError';
  constructor(
    readonly code: string,
    readonly statusCode: number,
  ) {
    super(`fastify says ${code}`);
  }
}

describe('toErrorResponse', () => {
  it('keeps our messages and extra fields, exactly', () => {
    expect(toErrorResponse(new ApiError(409, Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS), true)).toEqual({
      status: 409,
      body: { message: 'A user with that username already exists.' },
    });
    const validation = new ApiError(400, 'Input payload validation failed', {
      errors: { name: "'name' is a required property" },
    });
    expect(toErrorResponse(validation, true).body).toEqual({
      errors: { name: "'name' is a required property" },
      message: 'Input payload validation failed',
    });
  });

  it('gives an unmatched route the Flask 404 text, but keeps a handler 404 message', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), false).body).toEqual({
      message: Messages.URL_NOT_FOUND,
    });
    expect(toErrorResponse(new ApiError(404, Messages.USER_DOES_NOT_EXIST), true).body).toEqual({
      message: 'User does not exist.',
    });
  });

  it("replaces Nest's default texts with Werkzeug's", () => {
    expect(toErrorResponse(new BadRequestException(), true).body).toEqual({ message: Messages.BAD_REQUEST });
    expect(toErrorResponse(new UnauthorizedException(), true)).toMatchObject({ status: 401 });
    expect(
      toErrorResponse(new HttpException({ statusCode: 404, message: 'Not Found', error: 'Not Found' }, 404), true).body,
    ).toEqual({
      message: Messages.URL_NOT_FOUND,
    });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 413, Messages.PAYLOAD_TOO_LARGE],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 400, Messages.BAD_REQUEST],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 400, Messages.BAD_REQUEST],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 400, Messages.BAD_REQUEST],
    ['FST_ERR_SOMETHING_NEW', 431, 431, Messages.BAD_REQUEST],
  ])('maps Fastify %s (raw or wrapped by Nest) to %i → %i', (code, fastifyStatus, status, message) => {
    const raw = new FakeFastifyError(code, fastifyStatus);
    const wrapped = new HttpException(raw.message, fastifyStatus, { cause: raw });
    for (const error of [raw, wrapped]) {
      expect(toErrorResponse(error, true)).toEqual({ status, body: { message } });
    }
  });

  it('turns anything else into a bare 500', () => {
    expect(toErrorResponse(new Error('db password is hunter2'), true)).toEqual({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
    expect(toErrorResponse('thrown string', true).status).toBe(500);
    expect(toErrorResponse(undefined, true).status).toBe(500);
  });

  it('passes headers of an ApiError through (Retry-After)', () => {
    const throttled = new ApiError(429, 'Too many failed logins.', {}, { 'retry-after': '60' });
    expect(toErrorResponse(throttled, true).headers).toEqual({ 'retry-after': '60' });
  });
});
