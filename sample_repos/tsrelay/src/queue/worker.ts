/**
 * Delivery worker.
 *
 * Polls the queue, sends due jobs with bounded concurrency, records every
 * attempt in the delivery log, and reschedules or dead-letters failures
 * according to the retry policy.
 */
import { logger as rootLogger } from '@utils/logger';
import type { Clock } from '@utils/clock';
import { metrics } from '@metrics/counters';
import type { DeliveryLog, TenantStore } from '@storage';
import { signOutgoing } from '../auth/signatures';
import { buildDeliveryHeaders } from '../delivery';
import type { DeliveryOutcome, Sender } from '../delivery';
import type { DeliveryJob } from '../types';
import type { DeadLetterStore } from './deadLetter';
import type { DeliveryQueue } from './queue';
import { decideRetry } from './retry';
import type { RetryPolicy } from './retry';

export interface WorkerOptions {
  concurrency: number;
  pollIntervalMs: number;
  timeoutMs: number;
  userAgent: string;
  retry: RetryPolicy;
}

export interface WorkerDeps {
  queue: DeliveryQueue;
  tenants: TenantStore;
  deliveryLog: DeliveryLog;
  deadLetters: DeadLetterStore;
  send: Sender;
  clock: Clock;
}

export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private active = 0;
  private readonly log = rootLogger.child({ component: 'worker' });

  constructor(private readonly deps: WorkerDeps, private readonly options: WorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => this.tick(), this.options.pollIntervalMs);
    this.log.info('worker started', { concurrency: this.options.concurrency });
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.log.info('worker stopped', { inflight: this.active });
  }

  /** Claims as many due jobs as free concurrency allows. Exposed for tests. */
  tick(): Promise<void>[] {
    const free = this.options.concurrency - this.active;
    if (!this.running || free <= 0) return [];
    return this.deps.queue.claimReady(free).map((job) => this.process(job));
  }

  private async process(job: DeliveryJob): Promise<void> {
    this.active += 1;
    try {
      const outcome = await this.attempt(job);
      this.handleOutcome(job, outcome);
    } catch (err) {
      this.log.error('unexpected worker failure', { jobId: job.id, err });
      this.deps.queue.reschedule(job.id, this.options.retry.baseDelayMs);
    } finally {
      this.active -= 1;
    }
  }

  private async attempt(job: DeliveryJob): Promise<DeliveryOutcome> {
    const tenant = this.deps.tenants.findTenant(job.tenantId);
    const endpoint = this.deps.tenants.findEndpoint(job.tenantId, job.endpointId);
    if (!tenant || tenant.disabled || !endpoint || !endpoint.active) {
      return { ok: false, status: 410, error: 'tenant or endpoint no longer active', durationMs: 0 };
    }
    const signature = signOutgoing(tenant.signingSecret, job.body, this.deps.clock.now());
    const headers = buildDeliveryHeaders(endpoint, job, signature, this.options.userAgent);
    metrics.deliveriesAttempted.inc({ tenant: job.tenantId });
    return this.deps.send({ url: endpoint.url, body: job.body, headers, timeoutMs: this.options.timeoutMs });
  }

  private handleOutcome(job: DeliveryJob, outcome: DeliveryOutcome): void {
    const attempt = job.attempt + 1;
    const decision = decideRetry(outcome, attempt, this.options.retry);
    const status = decision.action === 'done' ? 'succeeded' : decision.action === 'retry' ? 'retrying' : 'dead';
    this.deps.deliveryLog.record({
      jobId: job.id,
      eventId: job.eventId,
      eventType: job.eventType,
      tenantId: job.tenantId,
      endpointId: job.endpointId,
      attempt,
      status,
      statusCode: outcome.status,
      error: outcome.error,
      responseSnippet: outcome.responseSnippet,
      durationMs: outcome.durationMs,
      at: this.deps.clock.now(),
    });
    if (decision.action === 'done') {
      metrics.deliveriesSucceeded.inc({ tenant: job.tenantId });
      this.deps.queue.complete(job.id);
    } else if (decision.action === 'retry') {
      metrics.deliveriesFailed.inc({ tenant: job.tenantId });
      this.deps.queue.reschedule(job.id, decision.delayMs);
    } else {
      metrics.deadLettered.inc({ tenant: job.tenantId });
      this.deps.deadLetters.add(job, decision.reason, outcome.status);
      this.deps.queue.complete(job.id);
      this.log.warn('delivery dead-lettered', { jobId: job.id, reason: decision.reason });
    }
  }
}
