/**
 * Delivery log: an append-only record of every delivery attempt.
 *
 * Used by the tenant API (`GET /v1/deliveries`) and by operators debugging
 * failing endpoints.
 */
import { newId } from '@utils/ids';
import type { DeliveryStatus, TenantId } from '../types';
import type { Database, Table } from './db';
import { TABLES } from './migrations';

export interface DeliveryLogEntry {
  id: string;
  jobId: string;
  eventId: string;
  eventType: string;
  tenantId: TenantId;
  endpointId: string;
  attempt: number;
  status: DeliveryStatus;
  statusCode?: number;
  error?: string;
  responseSnippet?: string;
  durationMs: number;
  at: number;
}

export interface LogQuery {
  status?: DeliveryStatus;
  endpointId?: string;
  since?: number;
  limit?: number;
}

export type DeliveryStats = Record<DeliveryStatus, number>;

export class DeliveryLog {
  private readonly entries: Table<DeliveryLogEntry>;

  constructor(db: Database) {
    this.entries = db.table<DeliveryLogEntry>(TABLES.deliveryLog);
  }

  record(entry: Omit<DeliveryLogEntry, 'id'>): DeliveryLogEntry {
    return this.entries.insert({ ...entry, id: newId('dlv', entry.at) });
  }

  get(tenantId: TenantId, id: string): DeliveryLogEntry | undefined {
    const entry = this.entries.get(id);
    return entry && entry.tenantId === tenantId ? entry : undefined;
  }

  forJob(jobId: string): DeliveryLogEntry[] {
    return this.entries.find((e) => e.jobId === jobId).sort((a, b) => a.attempt - b.attempt);
  }

  /** Most recent first. */
  forTenant(tenantId: TenantId, query: LogQuery = {}): DeliveryLogEntry[] {
    const limit = Math.min(query.limit ?? 50, 500);
    return this.entries
      .find(
        (e) =>
          e.tenantId === tenantId &&
          (query.status === undefined || e.status === query.status) &&
          (query.endpointId === undefined || e.endpointId === query.endpointId) &&
          (query.since === undefined || e.at >= query.since),
      )
      .sort((a, b) => b.at - a.at)
      .slice(0, limit);
  }

  stats(tenantId: TenantId): DeliveryStats {
    const stats: DeliveryStats = { succeeded: 0, failed: 0, retrying: 0, dead: 0 };
    for (const entry of this.entries.find((e) => e.tenantId === tenantId)) stats[entry.status] += 1;
    return stats;
  }

  count(): number {
    return this.entries.count();
  }
}
