export const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxOptions {
  /** Whether this process relays at all (tests of a "crashed" instance switch it off). */
  enabled: boolean;
  /** How often to look for events written by other processes or left behind, in ms. */
  pollIntervalMs: number;
  /** Rows claimed per round. */
  batchSize: number;
  /** Events of a round delivered at once; events with the same ordering key still go one after another. */
  concurrency: number;
  /** How long a claim lasts before another process may take the row over, in ms. */
  leaseMs: number;
  /** How long a row handed to queues waits for its jobs to report back before it is handed over again, in ms. */
  requeueAfterMs: number;
  /** First retry delay; doubles per attempt up to maxRetryDelayMs. */
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** After this many failed attempts an event is parked (dead_at set) and logged. */
  maxAttempts: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  enabled: true,
  pollIntervalMs: 1_000,
  batchSize: 50,
  concurrency: 8,
  leaseMs: 60_000,
  requeueAfterMs: 5 * 60_000,
  retryBaseDelayMs: 1_000,
  maxRetryDelayMs: 15 * 60_000,
  maxAttempts: 20,
};

/** Delay before retry number `attempts` (1-based), exponential with a cap. */
export function retryDelayMs(attempts: number, options: Pick<OutboxOptions, 'retryBaseDelayMs' | 'maxRetryDelayMs'>) {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(options.retryBaseDelayMs * 2 ** exponent, options.maxRetryDelayMs);
}
