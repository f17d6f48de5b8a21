/**
 * In-memory delivery queue ordered by `nextAttemptAt`.
 *
 * Jobs are claimed by the worker when due and either completed or
 * rescheduled. Claimed jobs are tracked as in-flight so they are not handed
 * out twice.
 */
import { newId } from '@utils/ids';
import type { DeliveryJob } from '../types';

export type NewJob = Omit<DeliveryJob, 'id' | 'attempt' | 'nextAttemptAt' | 'createdAt'>;

export interface QueueOptions {
  /** Upper bound on queued (not in-flight) jobs; enqueue fails beyond it. */
  maxSize: number;
}

export class QueueFullError extends Error {
  constructor(size: number) {
    super(`delivery queue is full (${size} jobs)`);
  }
}

export class DeliveryQueue {
  private pending: DeliveryJob[] = [];
  private readonly inflight = new Map<string, DeliveryJob>();

  constructor(private readonly options: QueueOptions = { maxSize: 100_000 }) {}

  enqueue(input: NewJob, delayMs = 0): DeliveryJob {
    if (this.pending.length >= this.options.maxSize) throw new QueueFullError(this.pending.length);
    const now = Date.now();
    const job: DeliveryJob = { ...input, id: newId('dlv', now), attempt: 0, nextAttemptAt: now + delayMs, createdAt: now };
    this.insertSorted(job);
    return job;
  }

  /** Puts an in-flight job back with an incremented attempt count. */
  reschedule(jobId: string, delayMs: number): DeliveryJob {
    const job = this.inflight.get(jobId);
    if (!job) throw new Error(`job ${jobId} is not in flight`);
    this.inflight.delete(jobId);
    const next = { ...job, attempt: job.attempt + 1, nextAttemptAt: Date.now() + delayMs };
    this.insertSorted(next);
    return next;
  }

  /** Claims up to `limit` jobs whose `nextAttemptAt` has passed. */
  claimReady(limit: number): DeliveryJob[] {
    const now = Date.now();
    const claimed: DeliveryJob[] = [];
    while (claimed.length < limit && this.pending.length > 0 && this.pending[0].nextAttemptAt <= now) {
      const job = this.pending.shift() as DeliveryJob;
      this.inflight.set(job.id, job);
      claimed.push(job);
    }
    return claimed;
  }

  /** Removes a finished (succeeded or dead-lettered) job from in-flight. */
  complete(jobId: string): void {
    this.inflight.delete(jobId);
  }

  size(): number {
    return this.pending.length;
  }

  inflightCount(): number {
    return this.inflight.size;
  }

  /** Milliseconds until the next job is due, or undefined when empty. */
  nextDueIn(): number | undefined {
    return this.pending.length === 0 ? undefined : Math.max(0, this.pending[0].nextAttemptAt - Date.now());
  }

  pendingForTenant(tenantId: string): number {
    return this.pending.filter((job) => job.tenantId === tenantId).length;
  }

  private insertSorted(job: DeliveryJob): void {
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pending[mid].nextAttemptAt <= job.nextAttemptAt) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, job);
  }
}
