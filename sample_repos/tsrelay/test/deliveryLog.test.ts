import { describe, it, expect, beforeEach } from 'vitest';
import { DeliveryLog, openAndMigrate } from '../src/storage';
import type { DeliveryLogEntry } from '../src/storage';
import { createLogger } from '../src/utils/logger';

const silent = createLogger('error', () => undefined);

function entry(overrides: Partial<DeliveryLogEntry>): Omit<DeliveryLogEntry, 'id'> {
  return {
    jobId: 'dlv_job',
    eventId: 'evt_1',
    eventType: 'order.created',
    tenantId: 't1',
    endpointId: 'end_1',
    attempt: 1,
    status: 'succeeded',
    statusCode: 200,
    durationMs: 12,
    at: 1_000,
    ...overrides,
  };
}

describe('DeliveryLog', () => {
  let log: DeliveryLog;

  beforeEach(() => {
    log = new DeliveryLog(openAndMigrate(null, silent));
  });

  it('returns a tenant’s entries newest first, filtered by status', () => {
    log.record(entry({ at: 1_000, status: 'retrying', statusCode: 503 }));
    log.record(entry({ at: 2_000, attempt: 2 }));
    log.record(entry({ at: 3_000, tenantId: 't2' }));
    expect(log.forTenant('t1').map((e) => e.at)).toEqual([2_000, 1_000]);
    expect(log.forTenant('t1', { status: 'retrying' })).toHaveLength(1);
  });

  it('groups attempts by job in attempt order', () => {
    log.record(entry({ attempt: 2, at: 2_000 }));
    log.record(entry({ attempt: 1, at: 1_000, status: 'retrying' }));
    expect(log.forJob('dlv_job').map((e) => e.attempt)).toEqual([1, 2]);
  });

  it('computes per-status stats', () => {
    log.record(entry({ status: 'dead' }));
    log.record(entry({ status: 'succeeded' }));
    expect(log.stats('t1')).toEqual({ succeeded: 1, failed: 0, retrying: 0, dead: 1 });
  });

  it('hides entries that belong to another tenant', () => {
    const recorded = log.record(entry({ tenantId: 't2' }));
    expect(log.get('t1', recorded.id)).toBeUndefined();
  });
});
