/**
 * Event ingestion handlers.
 *
 * - `POST /v1/webhooks/:tenantId` receives a signed webhook from an upstream
 *   provider (auth mode `signature`).
 * - `POST /v1/events` lets a tenant publish an event with its API key.
 *
 * Both fan the event out to matching endpoints and enqueue one delivery job
 * per endpoint; the HTTP response is a 202 as soon as jobs are queued.
 */
import { newId } from '@utils/ids';
import { ValidationError } from '@utils/errors';
import { metrics } from '@metrics/counters';
import { buildPayload, selectEndpoints } from '../../delivery';
import type { Tenant, WebhookEvent } from '../../types';
import { parseJson } from '../body';
import { firstHeader, json, requireTenant } from '../context';
import type { AppDeps, Handler, RequestContext } from '../context';

const EVENT_TYPE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,127}$/i;

export interface IngestResult {
  eventId: string;
  deliveries: number;
}

export function ingestEvent(
  deps: Pick<AppDeps, 'tenants' | 'queue' | 'clock'>,
  tenant: Tenant,
  type: string,
  payload: unknown,
  source: WebhookEvent['source'],
): IngestResult {
  const now = deps.clock.now();
  const event: WebhookEvent = { id: newId('evt', now), tenantId: tenant.id, type, payload, source, receivedAt: now };
  const endpoints = selectEndpoints(deps.tenants.listEndpoints(tenant.id, true), event);
  for (const endpoint of endpoints) {
    deps.queue.enqueue({
      eventId: event.id,
      eventType: event.type,
      tenantId: tenant.id,
      endpointId: endpoint.id,
      body: buildPayload(endpoint, event),
    });
  }
  metrics.webhooksReceived.inc({ tenant: tenant.id, source });
  return { eventId: event.id, deliveries: endpoints.length };
}

function resolveEventType(ctx: RequestContext, body: unknown): string {
  const fromHeader = firstHeader(ctx.headers, 'x-relay-event-type');
  const fromBody = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).type : undefined;
  const type = fromHeader ?? fromBody;
  if (typeof type !== 'string' || !EVENT_TYPE_PATTERN.test(type)) {
    throw new ValidationError('event type missing or invalid (x-relay-event-type header or "type" field)');
  }
  return type;
}

export function makeWebhookHandlers(deps: AppDeps): Record<'receiveWebhook' | 'publishEvent', Handler> {
  return {
    receiveWebhook(ctx) {
      const tenant = requireTenant(ctx);
      const body = parseJson(ctx.rawBody);
      const result = ingestEvent(deps, tenant, resolveEventType(ctx, body), body, 'webhook');
      ctx.log.info('webhook accepted', { eventId: result.eventId, deliveries: result.deliveries });
      return json(202, result);
    },

    publishEvent(ctx) {
      const tenant = requireTenant(ctx);
      const body = parseJson(ctx.rawBody) as Record<string, unknown>;
      if (body === null || typeof body !== 'object' || !('data' in body)) {
        throw new ValidationError('expected {"type": string, "data": any}');
      }
      const result = ingestEvent(deps, tenant, resolveEventType(ctx, body), body.data, 'api');
      return json(202, result);
    },
  };
}
