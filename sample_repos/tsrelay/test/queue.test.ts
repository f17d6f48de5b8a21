import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { DeliveryQueue, QueueFullError } from '../src/queue/queue';

const job = (endpointId: string) => ({ eventId: 'evt_1', eventType: 'x', tenantId: 't1', endpointId, body: '{}' });

describe('DeliveryQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('claims only due jobs, in due order', () => {
    const queue = new DeliveryQueue();
    queue.enqueue(job('late'), 5_000);
    queue.enqueue(job('now'));
    queue.enqueue(job('soon'), 1_000);
    expect(queue.claimReady(10).map((j) => j.endpointId)).toEqual(['now']);
    vi.advanceTimersByTime(1_000);
    expect(queue.claimReady(10).map((j) => j.endpointId)).toEqual(['soon']);
    expect(queue.size()).toBe(1);
    expect(queue.inflightCount()).toBe(2);
  });

  it('reschedules with an incremented attempt', () => {
    const queue = new DeliveryQueue();
    const created = queue.enqueue(job('a'));
    queue.claimReady(1);
    const next = queue.reschedule(created.id, 2_000);
    expect(next.attempt).toBe(1);
    expect(next.nextAttemptAt).toBe(12_000);
    expect(queue.inflightCount()).toBe(0);
    expect(queue.nextDueIn()).toBe(2_000);
  });

  it('rejects jobs beyond maxSize', () => {
    const queue = new DeliveryQueue({ maxSize: 1 });
    queue.enqueue(job('a'));
    expect(() => queue.enqueue(job('b'))).toThrow(QueueFullError);
  });
});
