import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { Metrics } from '../metrics/metrics';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post on every non-security email). */
  headers?: Record<string, string>;
}

/** Bounds every SMTP step well inside the outbox lease (60 s), so a hung server fails a delivery instead. */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Sends mail through SMTP_URL with nodemailer; without SMTP_URL it logs the mail instead.
 * A pool of SMTP_POOL_SIZE connections is kept open and reused (100 messages each), so a burst of
 * emails does not pay a connection and handshake per message.
 * Throws when the server refuses, so the outbox retries the event that asked for the mail.
 * Counts what it sends (`mentorship_emails_sent_total{transport="smtp"|"log"}`) and what fails
 * (`mentorship_emails_failed_total`).
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport?: Transporter;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    if (config.smtpUrl) {
      this.transport = nodemailer.createTransport(
        { url: config.smtpUrl, pool: true, maxConnections: config.smtpPoolSize, maxMessages: 100, ...SMTP_TIMEOUTS_MS },
        { from: config.mailFrom },
      );
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) {
      this.logger.log(
        { mail: { from: this.config.mailFrom, ...mail } },
        `Email (SMTP_URL unset, not sent): ${mail.subject}`,
      );
      this.metrics.emailsSent.inc({ transport: 'log' });
      return;
    }
    try {
      await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
    } catch (error) {
      this.metrics.emailsFailed.inc();
      throw error;
    }
    this.metrics.emailsSent.inc({ transport: 'smtp' });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
