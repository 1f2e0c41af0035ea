import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppConfig, hmacKey, InjectConfig } from '@app/platform';
import { type EmailSetting, isEmailSetting } from '../domain/email-settings';

const TOKEN = /^(\d{1,10})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/;

/**
 * The tokens of one-click unsubscribe links: `<user id>.<setting>.<HMAC-SHA256>` (URL-safe), signed
 * with a key derived from JWT_SECRET for this purpose only, so no other token passes for one. No
 * expiry: a link in an old email keeps working, and it can only ever switch that one setting off.
 */
@Injectable()
export class UnsubscribeTokens {
  private readonly key: string;

  constructor(@InjectConfig() config: AppConfig) {
    this.key = hmacKey(createHmac('sha256', config.jwtSecret).update('mentorship:unsubscribe').digest('base64url'));
  }

  token(userId: number, setting: EmailSetting): string {
    return `${userId}.${setting}.${this.sign(userId, setting)}`;
  }

  /** The user and setting a token vouches for, or null when it is malformed or its signature is wrong. */
  read(token: unknown): { userId: number; setting: EmailSetting } | null {
    if (typeof token !== 'string') return null;
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, id, setting, signature] = match;
    const userId = Number(id);
    if (!Number.isSafeInteger(userId) || !isEmailSetting(setting)) return null;
    const expected = Buffer.from(this.sign(userId, setting));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? { userId, setting } : null;
  }

  private sign(userId: number, setting: EmailSetting): string {
    return createHmac('sha256', this.key).update(`${userId}:${setting}`).digest('base64url');
  }
}
