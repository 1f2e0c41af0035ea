import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '../http/api-error';
import { Messages } from '../http/messages';
import { isDatabaseUnavailable } from '../http/unavailable';
import { invalidToken } from './jwt.strategies';

const IS_PUBLIC = Symbol('IS_PUBLIC');

/** Opens a route to callers without an access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Passport's failure `info` → the reference's three 401 texts. */
export function tokenError(error: unknown, info: unknown): Error {
  if (error instanceof ApiError) return error;
  // The session lookup could not reach the database: the token may be fine, so pass the error on
  // for the error filter's 503 ("try again"), never "invalid", which would log the user out.
  if (isDatabaseUnavailable(error)) return error as Error;
  const details = info as { name?: string; message?: string } | undefined;
  if (details?.name === 'TokenExpiredError') return new ApiError(401, Messages.TOKEN_HAS_EXPIRED);
  if (details?.message === 'No auth token') return new ApiError(401, Messages.AUTHORISATION_TOKEN_IS_MISSING);
  return invalidToken();
}

/** Global guard: every route needs an access token unless marked @Public(). */
@Injectable()
export class AccessTokenGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error || !user) throw tokenError(error, info);
    return user;
  }
}

/** For `POST /refresh`: a refresh token, never an access token. Use with @Public(). */
@Injectable()
export class RefreshTokenGuard extends AuthGuard('jwt-refresh') {
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error || !user) throw tokenError(error, info);
    return user;
  }
}
