import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { type AppConfig, escapeHtml, InjectConfig, type OutgoingMail } from '@app/platform';
import {
  type EmailSetting,
  type EmailSettings,
  EMAIL_SETTING_LABELS,
  effectiveEmailSettings,
  emailWanted,
} from '../domain/email-settings';
import type { RenderedEmail } from '../templates/email-layout';
import { UnsubscribeTokens } from './unsubscribe-tokens';

/**
 * The members' email choices, read where an email is about to be sent (so a change applies to
 * emails already on their way), and the one-click unsubscribe (RFC 8058) every non-security email
 * carries: the List-Unsubscribe headers and a last paragraph with the link.
 */
@Injectable()
export class EmailPreferences {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: UnsubscribeTokens,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async settingsOf(userId: number, em?: SqlEntityManager): Promise<EmailSettings> {
    const [row] = await (em ?? (this.em.fork() as SqlEntityManager)).execute<Array<{ email: unknown }>>(
      `select "email" from "notification_settings" where "user_id" = ?`,
      [userId],
    );
    const stored = typeof row?.email === 'string' ? (JSON.parse(row.email) as unknown) : row?.email;
    return effectiveEmailSettings(stored as Record<string, unknown> | undefined);
  }

  unsubscribeUrl(userId: number, setting: EmailSetting): string {
    return `${this.config.appUrl}/unsubscribe/${this.tokens.token(userId, setting)}`;
  }

  /**
   * The email to `userId` with its unsubscribe link and headers, or null when they switched
   * `setting` off.
   */
  async prepare(userId: number, setting: EmailSetting, email: RenderedEmail): Promise<Omit<OutgoingMail, 'to'> | null> {
    if (!emailWanted(await this.settingsOf(userId), setting)) return null;
    const url = this.unsubscribeUrl(userId, setting);
    const sentence = `You receive this email for ${EMAIL_SETTING_LABELS[setting]}. To stop these emails, unsubscribe:`;
    return {
      subject: email.subject,
      html: `${email.html}\n<p>${escapeHtml(sentence)} <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
      text: `${email.text.replace(/\n*$/, '')}\n\n${sentence} ${url}\n`,
      headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }
}
