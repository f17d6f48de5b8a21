/**
 * Core domain types shared by the API, queue, delivery and storage layers.
 */

export type TenantId = string;

/** A customer of the relay. Owns endpoints and an API key. */
export interface Tenant {
  id: TenantId;
  name: string;
  /** HMAC secret used to verify inbound webhooks and sign outbound deliveries. */
  signingSecret: string;
  /** SHA-256 hex digest of the tenant's current API key. */
  apiKeyHash: string;
  /** Last four characters of the API key, shown in the admin UI. */
  apiKeyLast4: string;
  rateLimitPerMinute: number;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type FilterOp = 'eq' | 'neq' | 'exists' | 'in';

/** A condition on the event payload, e.g. `{ path: 'data.amount', op: 'exists' }`. */
export interface FilterCondition {
  path: string;
  op: FilterOp;
  value?: unknown;
}

/** A destination URL that receives deliveries for a tenant's events. */
export interface Endpoint {
  id: string;
  tenantId: TenantId;
  url: string;
  /** Event types this endpoint subscribes to; `*` subscribes to all. */
  eventTypes: string[];
  conditions: FilterCondition[];
  /** Optional payload template with `{{path}}` placeholders. */
  template?: string;
  headers: Record<string, string>;
  active: boolean;
  createdAt: number;
}

/** An event accepted by the relay, either from an inbound webhook or the publish API. */
export interface WebhookEvent {
  id: string;
  tenantId: TenantId;
  type: string;
  payload: unknown;
  source: 'webhook' | 'api' | 'replay';
  receivedAt: number;
}

/** One pending delivery of one event to one endpoint. */
export interface DeliveryJob {
  id: string;
  eventId: string;
  eventType: string;
  tenantId: TenantId;
  endpointId: string;
  /** Rendered request body, fixed at enqueue time. */
  body: string;
  /** Number of attempts already made. */
  attempt: number;
  nextAttemptAt: number;
  createdAt: number;
}

export type DeliveryStatus = 'succeeded' | 'failed' | 'retrying' | 'dead';
