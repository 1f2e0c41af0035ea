import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Messages } from '../http/messages';
import { ApiError } from '../http/api-error';
import { rememberCaller } from './request-caller';
import { SessionRegistry } from './session-registry';
import type { AuthenticatedUser, TokenClaims, TokenType } from './token.types';

/** Anything in the Authorization header that is not "Bearer <token>" fails verification as invalid. */
const MALFORMED = 'malformed-authorization-header';

/**
 * flask-jwt-extended 3.x semantics: no (or empty) header is "missing"; a header of another shape
 * is "invalid".
 */
export function bearerTokenFrom(request: { headers?: Record<string, unknown> }): string | null {
  const header = request.headers?.authorization;
  if (header === undefined || header === null || header === '') return null;
  if (typeof header !== 'string') return MALFORMED;
  const parts = header.trim().split(/\s+/);
  return parts.length === 2 && parts[0] === 'Bearer' ? parts[1] : MALFORMED;
}

export function invalidToken(): ApiError {
  return new ApiError(401, Messages.TOKEN_IS_INVALID);
}

function userFromClaims(claims: Partial<TokenClaims>, expected: TokenType): AuthenticatedUser {
  // A refresh token on an access route, or the reverse, is "invalid" as in the reference.
  if (claims.type !== expected || !Number.isSafeInteger(claims.identity) || typeof claims.jti !== 'string') {
    throw invalidToken();
  }
  return { id: claims.identity as number, tokenId: claims.jti, sessionId: claims.sid };
}

/**
 * A token that names a session is only good while the session is open; the same lookup reads the
 * caller's account, which handlers of this request then take from the caller scope.
 * The registry is looked up lazily, once: the accounts lib that provides it is built after this module.
 */
class SessionCheck {
  private registry?: SessionRegistry | null;

  constructor(private readonly moduleRef: ModuleRef) {}

  async check(user: AuthenticatedUser): Promise<AuthenticatedUser> {
    if (this.registry === undefined) {
      try {
        this.registry = this.moduleRef.get(SessionRegistry, { strict: false });
      } catch {
        this.registry = null;
      }
    }
    if (!this.registry) return user;
    const { sessionOpen, account, suspendedMessage } = await this.registry.checkCaller(user.id, user.sessionId);
    if (user.sessionId && !sessionOpen) throw new ApiError(401, Messages.TOKEN_HAS_BEEN_REVOKED);
    if (suspendedMessage) throw new ApiError(403, suspendedMessage);
    rememberCaller(user.id, account);
    return user;
  }
}

/**
 * An HMAC secret as a KeyObject, typed as the string that @nestjs/jwt and passport-jwt declare:
 * given a real string, jsonwebtoken first tries (and fails) to parse it as a PEM key on every sign
 * and verify, which costs more than the HMAC itself.
 */
export function hmacKey(secret: string): string {
  return createSecretKey(Buffer.from(secret, 'utf8')) as unknown as string;
}

function strategyOptions(config: AppConfig) {
  return {
    jwtFromRequest: bearerTokenFrom,
    secretOrKey: hmacKey(config.jwtSecret),
    algorithms: ['HS256' as const],
    ignoreExpiration: false,
  };
}

@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly sessions: SessionCheck;

  constructor(@InjectConfig() config: AppConfig, moduleRef: ModuleRef) {
    super(strategyOptions(config));
    this.sessions = new SessionCheck(moduleRef);
  }

  validate(claims: Partial<TokenClaims>): Promise<AuthenticatedUser> {
    return this.sessions.check(userFromClaims(claims, 'access'));
  }
}

@Injectable()
export class RefreshTokenStrategy extends PassportStrategy(Strategy, 'jwt-refresh') {
  private readonly sessions: SessionCheck;

  constructor(@InjectConfig() config: AppConfig, moduleRef: ModuleRef) {
    super(strategyOptions(config));
    this.sessions = new SessionCheck(moduleRef);
  }

  validate(claims: Partial<TokenClaims>): Promise<AuthenticatedUser> {
    return this.sessions.check(userFromClaims(claims, 'refresh'));
  }
}
