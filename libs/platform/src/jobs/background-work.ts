import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';

/** What a process is: the HTTP API, or the background worker. */
export type ProcessRole = 'api' | 'worker';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');

/**
 * Which background work this process does, decided once from its role and the configuration:
 *
 * - `enabled`: relays the outbox, runs scheduled jobs and mails task digests. A worker always
 *   does; an API does when RUN_BACKGROUND_JOBS=true, or, with RUN_BACKGROUND_JOBS unset, when
 *   there is no Redis (the single process does everything, as `npm start` does).
 * - `queued`: deliveries go through BullMQ queues on REDIS_URL, and a process with `enabled`
 *   also consumes them; without Redis they run in the relaying process.
 */
@Injectable()
export class BackgroundWork {
  readonly enabled: boolean;
  readonly queued: boolean;

  constructor(
    @Inject(PROCESS_ROLE) readonly role: ProcessRole,
    @InjectConfig() config: AppConfig,
  ) {
    this.queued = !!config.redisUrl;
    this.enabled = role === 'worker' || (config.runBackgroundJobs ?? !this.queued);
  }
}
