import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import type { TokenType } from './token.types';

export interface IssuedToken {
  token: string;
  /** Expiry in epoch seconds. */
  expiresAt: number;
}

/** Signs access and refresh tokens (HS256, JWT_SECRET). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  issue(
    userId: number,
    type: TokenType,
    options: { sessionId?: string; fresh?: boolean; tokenId?: string } = {},
  ): IssuedToken {
    const now = Math.floor(Date.now() / 1000);
    const ttl = type === 'access' ? this.config.accessTokenTtlSeconds : this.config.refreshTokenTtlSeconds;
    const claims = {
      iat: now,
      nbf: now,
      jti: options.tokenId ?? randomUUID(),
      exp: now + ttl,
      identity: userId,
      fresh: options.fresh ?? false,
      type,
      ...(options.sessionId ? { sid: options.sessionId } : {}),
    };
    return { token: this.jwt.sign(claims), expiresAt: claims.exp };
  }
}
