/**
 * Endpoint selection.
 *
 * Decides which of a tenant's endpoints receive a given event, based on the
 * endpoint's subscribed event types and optional payload conditions.
 */
import type { Endpoint, FilterCondition, WebhookEvent } from '../types';

/** Reads a dotted path such as `customer.address.country` from a value. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** True when the event type is subscribed; `*` subscribes to everything. */
export function matchesEventType(patterns: string[], eventType: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === eventType);
}

export function evaluateCondition(condition: FilterCondition, payload: unknown): boolean {
  const actual = getPath(payload, condition.path);
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'eq':
      return actual === condition.value;
    case 'neq':
      return actual !== condition.value;
    case 'in':
      return Array.isArray(condition.value) && condition.value.includes(actual);
    default:
      return false;
  }
}

export function endpointMatches(endpoint: Endpoint, event: WebhookEvent): boolean {
  if (!endpoint.active || endpoint.tenantId !== event.tenantId) return false;
  if (!matchesEventType(endpoint.eventTypes, event.type)) return false;
  return endpoint.conditions.every((condition) => evaluateCondition(condition, event.payload));
}

/** Returns the endpoints that should receive `event`. */
export function selectEndpoints(endpoints: Endpoint[], event: WebhookEvent): Endpoint[] {
  return endpoints.filter((endpoint) => endpointMatches(endpoint, event));
}

const FILTER_OPS = new Set(['eq', 'neq', 'exists', 'in']);

export function isFilterCondition(value: unknown): value is FilterCondition {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.path === 'string' && typeof candidate.op === 'string' && FILTER_OPS.has(candidate.op);
}
