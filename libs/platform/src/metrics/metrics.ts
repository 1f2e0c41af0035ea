import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { BackgroundWork } from '../jobs/background-work';
import { collectStoppableDefaultMetrics } from './default-metrics';

/** Email transports, as the `transport` label of `mentorship_emails_sent_total` names them. */
export type EmailTransport = 'smtp' | 'log';

/**
 * The app's Prometheus metrics: one registry per app instance (never prom-client's global one, so
 * several apps in one process, as in the e2e specs, never clash), with every sample labelled
 * `process="api"` or `process="worker"`, and Node's process metrics.
 *
 * Add a metric of your own on this registry; a gauge read at scrape time may collect asynchronously,
 * and should not throw (a rejected collect fails the whole scrape):
 *
 * ```ts
 * new Gauge({
 *   name: 'mentorship_queue_waiting_jobs', help: '...', labelNames: ['queue'],
 *   registers: [metrics.registry],
 *   async collect() { this.set({ queue: 'emails' }, await countWaiting().catch(() => 0)); },
 * });
 * ```
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();

  /** Emails handed to the SMTP server ('smtp'), or only logged because SMTP_URL is unset ('log'). */
  readonly emailsSent = new Counter<'transport'>({
    name: 'mentorship_emails_sent_total',
    help: 'Emails sent, by transport: smtp (accepted by the SMTP server) or log (SMTP_URL unset, only logged).',
    labelNames: ['transport'],
    registers: [this.registry],
  });

  /** Emails the SMTP server refused or that failed on the way (the outbox retries them). */
  readonly emailsFailed = new Counter({
    name: 'mentorship_emails_failed_total',
    help: 'Emails whose sending failed (refused by the SMTP server, connection errors, timeouts).',
    registers: [this.registry],
  });

  private readonly stopDefaultMetrics: () => void;

  constructor(work: BackgroundWork) {
    this.registry.setDefaultLabels({ process: work.role });
    this.stopDefaultMetrics = collectStoppableDefaultMetrics(this.registry);
    // Both series exist from the start, so rate() and increase() see the first email too.
    for (const transport of ['smtp', 'log'] satisfies EmailTransport[]) this.emailsSent.inc({ transport }, 0);
  }

  onModuleDestroy(): void {
    this.stopDefaultMetrics();
  }
}
