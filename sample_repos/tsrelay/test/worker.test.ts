import { describe, it, expect, beforeEach } from 'vitest';
import { DeadLetterStore, DeliveryQueue, DeliveryWorker, DEFAULT_RETRY_POLICY } from '../src/queue';
import type { DeliveryOutcome, DeliveryRequest } from '../src/delivery';
import { DeliveryLog, openAndMigrate, TenantStore } from '../src/storage';
import { ManualClock } from '../src/utils/clock';
import { createLogger } from '../src/utils/logger';

const silent = createLogger('error', () => undefined);

describe('DeliveryWorker', () => {
  let clock: ManualClock;
  let queue: DeliveryQueue;
  let tenants: TenantStore;
  let deliveryLog: DeliveryLog;
  let deadLetters: DeadLetterStore;
  let sent: DeliveryRequest[];
  let nextOutcome: DeliveryOutcome;
  let worker: DeliveryWorker;

  beforeEach(() => {
    const db = openAndMigrate(null, silent);
    clock = new ManualClock(Date.now());
    queue = new DeliveryQueue();
    tenants = new TenantStore(db, clock);
    deliveryLog = new DeliveryLog(db);
    deadLetters = new DeadLetterStore(db, clock);
    sent = [];
    nextOutcome = { ok: true, status: 200, durationMs: 3 };
    const send = async (request: DeliveryRequest) => {
      sent.push(request);
      return nextOutcome;
    };
    worker = new DeliveryWorker(
      { queue, tenants, deliveryLog, deadLetters, clock, send },
      { concurrency: 2, pollIntervalMs: 60_000, timeoutMs: 1_000, userAgent: 'test', retry: DEFAULT_RETRY_POLICY },
    );
  });

  function seed() {
    const tenant = tenants.create({ name: 'acme', signingSecret: 'whsec_x', apiKeyHash: 'h', apiKeyLast4: '0000', rateLimitPerMinute: 60 });
    const endpoint = tenants.addEndpoint(tenant.id, { url: 'https://hook.test/in', eventTypes: ['*'], conditions: [], headers: {} });
    return queue.enqueue({ eventId: 'evt_1', eventType: 'order.created', tenantId: tenant.id, endpointId: endpoint.id, body: '{"a":1}' });
  }

  it('sends signed deliveries and logs success', async () => {
    const job = seed();
    worker.start();
    await Promise.all(worker.tick());
    worker.stop();
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['x-relay-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(deliveryLog.forJob(job.id)[0].status).toBe('succeeded');
    expect(queue.inflightCount()).toBe(0);
  });

  it('reschedules retryable failures', async () => {
    seed();
    nextOutcome = { ok: false, status: 503, durationMs: 3 };
    worker.start();
    await Promise.all(worker.tick());
    worker.stop();
    expect(queue.size()).toBe(1);
    expect(deadLetters.count()).toBe(0);
  });

  it('dead-letters permanent failures', async () => {
    seed();
    nextOutcome = { ok: false, status: 400, durationMs: 3 };
    worker.start();
    await Promise.all(worker.tick());
    worker.stop();
    expect(queue.size()).toBe(0);
    expect(deadLetters.list()[0].reason).toBe('non-retryable status 400');
  });
});
