/**
 * Labelled monotonic counters and the process-wide registry.
 *
 * Deliberately tiny: enough to expose Prometheus-style counters without a
 * client library. Label values are joined into a stable key per series.
 */

export type Labels = Record<string, string>;

export interface Series {
  labels: Labels;
  value: number;
}

function seriesKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${labels[name]}`)
    .join(',');
}

export class Counter {
  private readonly series = new Map<string, Series>();

  constructor(readonly name: string, readonly help: string) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
  }

  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error('counters can only increase');
    const key = seriesKey(labels);
    const existing = this.series.get(key);
    if (existing) existing.value += by;
    else this.series.set(key, { labels: { ...labels }, value: by });
  }

  get(labels: Labels = {}): number {
    return this.series.get(seriesKey(labels))?.value ?? 0;
  }

  collect(): Series[] {
    return [...this.series.values()];
  }

  reset(): void {
    this.series.clear();
  }
}

export class Registry {
  private readonly counters = new Map<string, Counter>();

  counter(name: string, help: string): Counter {
    const existing = this.counters.get(name);
    if (existing) return existing;
    const counter = new Counter(name, help);
    this.counters.set(name, counter);
    return counter;
  }

  all(): Counter[] {
    return [...this.counters.values()];
  }

  resetAll(): void {
    for (const counter of this.counters.values()) counter.reset();
  }
}

export const registry = new Registry();

/** Every counter the service emits, by purpose. */
export const metrics = {
  httpRequests: registry.counter('relay_http_requests_total', 'HTTP requests by route and status'),
  webhooksReceived: registry.counter('relay_webhooks_received_total', 'Inbound webhooks accepted'),
  signatureFailures: registry.counter('relay_signature_failures_total', 'Inbound webhooks rejected by signature check'),
  rateLimited: registry.counter('relay_rate_limited_total', 'Requests rejected by the rate limiter'),
  deliveriesAttempted: registry.counter('relay_deliveries_attempted_total', 'Outbound delivery attempts'),
  deliveriesSucceeded: registry.counter('relay_deliveries_succeeded_total', 'Outbound deliveries that got a 2xx'),
  deliveriesFailed: registry.counter('relay_deliveries_failed_total', 'Outbound attempts that failed and will be retried'),
  deadLettered: registry.counter('relay_dead_lettered_total', 'Deliveries moved to the dead-letter store'),
};
