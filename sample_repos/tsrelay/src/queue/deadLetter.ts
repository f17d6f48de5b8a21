/**
 * Dead-letter store.
 *
 * Jobs that exhausted their retries or hit a permanent failure are parked
 * here with the reason, so operators can inspect and replay them once the
 * receiving endpoint is fixed.
 */
import { newId } from '@utils/ids';
import type { Clock } from '@utils/clock';
import { TABLES } from '@storage';
import type { Database, Table } from '@storage';
import type { DeliveryJob, TenantId } from '../types';
import type { DeliveryQueue } from './queue';

export interface DeadLetter {
  id: string;
  job: DeliveryJob;
  tenantId: TenantId;
  reason: string;
  lastStatus?: number;
  deadAt: number;
}

export class DeadLetterStore {
  private readonly table: Table<DeadLetter>;

  constructor(db: Database, private readonly clock: Clock) {
    this.table = db.table<DeadLetter>(TABLES.deadLetters);
  }

  add(job: DeliveryJob, reason: string, lastStatus?: number): DeadLetter {
    const now = this.clock.now();
    return this.table.insert({ id: newId('dlq', now), job, tenantId: job.tenantId, reason, lastStatus, deadAt: now });
  }

  /** Newest first, optionally for one tenant. */
  list(tenantId?: TenantId, limit = 100): DeadLetter[] {
    return this.table
      .find((entry) => tenantId === undefined || entry.tenantId === tenantId)
      .sort((a, b) => b.deadAt - a.deadAt)
      .slice(0, limit);
  }

  get(id: string): DeadLetter | undefined {
    return this.table.get(id);
  }

  remove(id: string): boolean {
    return this.table.delete(id);
  }

  count(tenantId?: TenantId): number {
    return tenantId === undefined ? this.table.count() : this.table.find((e) => e.tenantId === tenantId).length;
  }

  /** Re-enqueues a dead letter as a fresh job and removes it from the store. */
  replay(id: string, queue: DeliveryQueue): DeliveryJob | undefined {
    const entry = this.table.get(id);
    if (!entry) return undefined;
    const { eventId, eventType, tenantId, endpointId, body } = entry.job;
    const job = queue.enqueue({ eventId, eventType, tenantId, endpointId, body });
    this.table.delete(id);
    return job;
  }
}
