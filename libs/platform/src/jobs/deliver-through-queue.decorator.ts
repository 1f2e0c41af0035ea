import { SetMetadata } from '@nestjs/common';
import type { QueueName } from './job-queues';

export const DELIVERY_QUEUE = Symbol('DELIVERY_QUEUE');

/**
 * Marks an @OnDomainEvent handler whose work is a delivery to the outside (an email): with
 * REDIS_URL set the relay hands it to this BullMQ queue and a worker runs it, with retries,
 * backoff and the queue's rate limit. Without Redis, and for unmarked handlers (the audit log,
 * reactions that change the database), the relaying process runs it itself.
 */
export const DeliverThroughQueue = (queue: QueueName) => SetMetadata(DELIVERY_QUEUE, queue);
