import { describe, it, expect } from 'vitest';
import { evaluateCondition, getPath, matchesEventType, selectEndpoints } from '../src/delivery/filters';
import type { Endpoint, WebhookEvent } from '../src/types';

function endpoint(id: string, overrides: Partial<Endpoint> = {}): Endpoint {
  return { id, tenantId: 't1', url: 'https://x.test', eventTypes: ['*'], conditions: [], headers: {}, active: true, createdAt: 0, ...overrides };
}

const event: WebhookEvent = {
  id: 'evt_1',
  tenantId: 't1',
  type: 'invoice.paid',
  payload: { customer: { country: 'DE' }, amount: 100 },
  source: 'webhook',
  receivedAt: 0,
};

describe('filters', () => {
  it('reads nested paths', () => {
    expect(getPath(event.payload, 'customer.country')).toBe('DE');
    expect(getPath(event.payload, 'customer.city')).toBeUndefined();
  });

  it('matches exact event types and the catch-all', () => {
    expect(matchesEventType(['invoice.paid'], 'invoice.paid')).toBe(true);
    expect(matchesEventType(['*'], 'anything')).toBe(true);
    expect(matchesEventType(['invoice.created'], 'invoice.paid')).toBe(false);
  });

  it('evaluates conditions', () => {
    expect(evaluateCondition({ path: 'amount', op: 'eq', value: 100 }, event.payload)).toBe(true);
    expect(evaluateCondition({ path: 'customer.country', op: 'in', value: ['FR', 'DE'] }, event.payload)).toBe(true);
    expect(evaluateCondition({ path: 'refund', op: 'exists' }, event.payload)).toBe(false);
  });

  it('selects only active, subscribed, matching endpoints of the same tenant', () => {
    const selected = selectEndpoints(
      [
        endpoint('a'),
        endpoint('b', { active: false }),
        endpoint('c', { tenantId: 't2' }),
        endpoint('d', { eventTypes: ['invoice.created'] }),
        endpoint('e', { conditions: [{ path: 'customer.country', op: 'eq', value: 'FR' }] }),
      ],
      event,
    );
    expect(selected.map((e) => e.id)).toEqual(['a']);
  });
});
