import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { TEST_JWT_SECRET } from './app';

/** Signs tokens the way a client never could: expired, forged, or of the wrong type. */
export function signTestToken(
  claims: { identity: number; type: 'access' | 'refresh'; expiresInSeconds?: number },
  secret = TEST_JWT_SECRET,
): string {
  const now = Math.floor(Date.now() / 1000);
  return new JwtService({ secret }).sign({
    iat: now - 5,
    nbf: now - 5,
    jti: randomUUID(),
    exp: now + (claims.expiresInSeconds ?? 600),
    identity: claims.identity,
    fresh: false,
    type: claims.type,
  });
}
