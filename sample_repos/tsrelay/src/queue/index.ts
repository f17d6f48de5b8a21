/**
 * Queue subsystem barrel, imported as a directory (`from './queue'`).
 */
export { DeliveryQueue, QueueFullError } from './queue';
export type { NewJob, QueueOptions } from './queue';
export { DeliveryWorker } from './worker';
export type { WorkerDeps, WorkerOptions } from './worker';
export { DeadLetterStore } from './deadLetter';
export type { DeadLetter } from './deadLetter';
export { backoffDelay, decideRetry, isRetryableStatus, DEFAULT_RETRY_POLICY } from './retry';
export type { RetryDecision, RetryPolicy } from './retry';

import type { DeliveryQueue } from './queue';
import type { DeadLetterStore } from './deadLetter';

export interface QueueStats {
  pending: number;
  inflight: number;
  deadLetters: number;
}

export function queueStats(queue: DeliveryQueue, deadLetters: DeadLetterStore): QueueStats {
  return { pending: queue.size(), inflight: queue.inflightCount(), deadLetters: deadLetters.count() };
}
