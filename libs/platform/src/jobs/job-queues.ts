import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type Job, type JobsOptions, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { BackgroundWork } from './background-work';

/** The queues deliveries go through. `email` carries everything that sends mail, under the SMTP rate limit. */
export const QUEUE_NAMES = ['email'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** What a worker does with one job of a given name; throwing fails the attempt (retried with backoff). */
export type JobProcessor = (data: Record<string, unknown>, job: Job) => Promise<void>;

export interface FailedJob {
  /** `<queue>.<job id>`: what POST /admin/jobs/{id}/retry takes. */
  id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
  attempts: number;
  error: string | null;
  failedAt: Date | null;
}

/** A killed worker's jobs go back to waiting within about lockDuration + stalledInterval. */
const LOCK_DURATION_MS = 15_000;
const STALLED_INTERVAL_MS = 5_000;
/** First retry after 1 s, then 2, 4, 8 … (JOB_MAX_ATTEMPTS attempts in all). */
const BACKOFF_BASE_MS = 1_000;
/** Failed jobs stay listable (and retryable) this long. */
const FAILED_RETENTION_SECONDS = 14 * 86_400;

/**
 * BullMQ on REDIS_URL: the queues deliveries are handed to, the workers that run them (in processes
 * that do background work), the "outbox has news" signal between processes, and the failed jobs
 * an operator lists and retries. Inactive without Redis: then nothing here is used.
 *
 * Jobs carry ids and names only (an outbox row id, a digest's key), never personal data: the
 * database stays the one place that holds it, and the source of truth a lost job is rebuilt from.
 */
@Injectable()
export class JobQueues implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueues.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly processors = new Map<string, JobProcessor>();
  private readonly kickListeners: Array<() => void> = [];
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private producer?: Redis;
  private failureListeners: Array<(queue: string, job: Job | undefined, final: boolean) => void> = [];

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly background: BackgroundWork,
  ) {}

  /** Whether deliveries go through queues (REDIS_URL is set). */
  get active(): boolean {
    return this.background.queued;
  }

  /** Called by whoever owns a job name, before the application bootstraps (onModuleInit). */
  registerProcessor(jobName: string, processor: JobProcessor): void {
    if (this.processors.has(jobName)) throw new Error(`Two processors for job name ${jobName}`);
    this.processors.set(jobName, processor);
  }

  /** Called when another process committed events (only in processes that relay). */
  onKick(listener: () => void): void {
    this.kickListeners.push(listener);
  }

  /** Called on every final or intermediate job failure in this process (metrics). */
  onFailure(listener: (queue: string, job: Job | undefined, final: boolean) => void): void {
    this.failureListeners.push(listener);
  }

  /**
   * Adds jobs; a job whose id is already in the queue (waiting, delayed, active or failed) is
   * left as it is, so handing the same delivery twice is harmless.
   */
  async addBulk(queue: QueueName, jobs: Array<{ name: string; jobId: string; data: Record<string, unknown> }>) {
    if (jobs.length === 0) return;
    await this.queue(queue).addBulk(
      jobs.map((job) => ({ name: job.name, data: job.data, opts: { ...this.jobOptions(), jobId: job.jobId } })),
    );
  }

  /** Tells the relaying processes that events were committed ("kick"), so they need not wait for their poll. */
  signalKick(): void {
    if (!this.active) return;
    this.producerConnection()
      .publish(this.kickChannel(), '1')
      .catch(() => undefined); // The relays poll anyway; a lost signal only costs up to a second.
  }

  /** Job counts per queue and state (for metrics). */
  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(async (name) => [name, await this.queue(name).getJobCounts()] as const),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  /** Failed jobs of every queue, newest first (at most `limit` per queue). */
  async listFailed(limit = 1000): Promise<FailedJob[]> {
    if (!this.active) return [];
    const lists = await Promise.all(
      QUEUE_NAMES.map(async (name) =>
        (await this.queue(name).getFailed(0, limit - 1)).map((job) => describe(name, job)),
      ),
    );
    return lists.flat().sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
  }

  /** Moves a failed job back to waiting; null when there is no such failed job. */
  async retryFailed(id: string): Promise<FailedJob | null> {
    if (!this.active) return null;
    const dot = id.indexOf('.');
    const queueName = id.slice(0, dot) as QueueName;
    if (dot < 0 || !QUEUE_NAMES.includes(queueName)) return null;
    const job = await this.queue(queueName).getJob(id.slice(dot + 1));
    if (!job || (await job.getState()) !== 'failed') return null;
    const failed = describe(queueName, job);
    await job.retry('failed');
    return failed;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.active || !this.background.enabled) return;
    for (const name of QUEUE_NAMES) this.startWorker(name);
    const subscriber = this.connection({ maxRetriesPerRequest: null });
    subscriber.on('message', () => {
      for (const listener of this.kickListeners) listener();
    });
    await subscriber.subscribe(this.kickChannel()).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Could not subscribe to outbox signals; relying on polling');
    });
  }

  /** Workers stop first, while the database is still open: each finishes its active jobs. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    for (const connection of this.connections) connection.disconnect();
  }

  private startWorker(name: QueueName): void {
    const limit = name === 'email' ? this.config.smtpRateLimitPerMinute : 0;
    const worker = new Worker(
      name,
      async (job: Job) => {
        const processor = this.processors.get(job.name);
        if (!processor) throw new Error(`No processor for job name ${job.name}`);
        await processor(job.data as Record<string, unknown>, job);
      },
      {
        connection: this.connection({ maxRetriesPerRequest: null }),
        prefix: this.config.queuePrefix,
        concurrency: this.config.outboxConcurrency,
        lockDuration: LOCK_DURATION_MS,
        stalledInterval: STALLED_INTERVAL_MS,
        maxStalledCount: 2,
        ...(limit > 0 ? { limiter: { max: limit, duration: 60_000 } } : {}),
      },
    );
    worker.on('failed', (job, error) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn(
        { err: error, queue: name, jobId: job?.id, jobName: job?.name, attempts: job?.attemptsMade, final },
        final ? 'Job failed for good; an admin can retry it (POST /admin/jobs/{id}/retry)' : 'Job failed; retrying',
      );
      for (const listener of this.failureListeners) listener(name, job, final);
    });
    worker.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'Queue worker error'));
    this.workers.push(worker);
  }

  private jobOptions(): JobsOptions {
    return {
      attempts: this.config.jobMaxAttempts,
      backoff: { type: 'exponential', delay: BACKOFF_BASE_MS },
      removeOnComplete: true,
      removeOnFail: { age: FAILED_RETENTION_SECONDS },
    };
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producerConnection(), prefix: this.config.queuePrefix });
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'Queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Producers fail fast while Redis is away (the relay then retries the outbox rows) instead of queueing commands. */
  private producerConnection(): Redis {
    this.producer ??= this.connection({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    return this.producer;
  }

  private connection(options: { maxRetriesPerRequest: number | null; enableOfflineQueue?: boolean }): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const connection = new Redis(this.config.redisUrl, options);
    connection.on('error', () => undefined); // Reported through the queue, worker and readiness instead.
    this.connections.push(connection);
    return connection;
  }

  private kickChannel(): string {
    return `${this.config.queuePrefix}:outbox-committed`;
  }
}

function describe(queue: QueueName, job: Job): FailedJob {
  return {
    id: `${queue}.${job.id}`,
    queue,
    name: job.name,
    data: job.data as Record<string, unknown>,
    attempts: job.attemptsMade,
    error: job.failedReason ?? null,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}
