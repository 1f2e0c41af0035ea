import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { type AppConfig, hmacKey, InjectConfig } from '@app/platform';

/** How long a verification link works (the reference's UNVERIFIED_USER_THRESHOLD, 30 days). */
export const EMAIL_CONFIRMATION_MAX_AGE_SECONDS = 30 * 86_400;
/** How long a password reset link works. */
export const PASSWORD_RESET_MAX_AGE_SECONDS = 3_600;

interface ConfirmationClaims {
  purpose: 'confirm_email';
  uid: number;
  email: string;
}

interface ResetClaims {
  purpose: 'reset_password';
  rid: string;
}

/**
 * The tokens inside emailed links: signed, time-limited, and signed with keys derived from
 * JWT_SECRET per purpose, so neither can pass for the other or for an access token. Nothing is
 * stored: the link is re-created from the event whenever an email is (re)sent.
 */
@Injectable()
export class AccountTokens {
  private readonly confirmationKey: string;
  private readonly resetKey: string;

  constructor(
    private readonly jwt: JwtService,
    @InjectConfig() config: AppConfig,
  ) {
    this.confirmationKey = hmacKey(derive(config.jwtSecret, 'confirm_email'));
    this.resetKey = hmacKey(derive(config.jwtSecret, 'reset_password'));
  }

  emailConfirmationToken(userId: number, email: string): string {
    const claims: ConfirmationClaims = { purpose: 'confirm_email', uid: userId, email };
    return this.jwt.sign(claims, { secret: this.confirmationKey, expiresIn: EMAIL_CONFIRMATION_MAX_AGE_SECONDS });
  }

  /** The user id and email a confirmation token vouches for, or null when invalid or expired. */
  readEmailConfirmationToken(token: string): { userId: number; email: string } | null {
    const claims = this.verify<ConfirmationClaims>(token, this.confirmationKey);
    if (claims?.purpose !== 'confirm_email' || !Number.isSafeInteger(claims.uid) || typeof claims.email !== 'string') {
      return null;
    }
    return { userId: claims.uid, email: claims.email };
  }

  passwordResetToken(requestId: string): string {
    const claims: ResetClaims = { purpose: 'reset_password', rid: requestId };
    return this.jwt.sign(claims, { secret: this.resetKey, expiresIn: PASSWORD_RESET_MAX_AGE_SECONDS });
  }

  /** The reset request a token names, or null when invalid or expired. */
  readPasswordResetToken(token: string): string | null {
    const claims = this.verify<ResetClaims>(token, this.resetKey);
    return claims?.purpose === 'reset_password' && typeof claims.rid === 'string' ? claims.rid : null;
  }

  private verify<T extends object>(token: string, secret: string): T | null {
    if (typeof token !== 'string' || token.length > 2_000) return null;
    try {
      return this.jwt.verify<T>(token, { secret, algorithms: ['HS256'] });
    } catch {
      return null;
    }
  }
}

function derive(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(`mentorship:${purpose}`).digest('base64url');
}
