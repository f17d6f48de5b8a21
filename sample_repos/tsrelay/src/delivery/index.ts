/**
 * Delivery layer barrel.
 *
 * `buildDeliveryHeaders` lives here because it combines the endpoint's
 * custom headers with the relay's signature and metadata headers.
 */
export { sendDelivery, createSender } from './http';
export type { DeliveryOutcome, DeliveryRequest, Fetcher, Sender } from './http';
export { buildPayload, renderTemplate, validateTemplate, toEnvelope, TemplateError } from './transform';
export { selectEndpoints, endpointMatches, matchesEventType, getPath, isFilterCondition } from './filters';

import type { DeliveryJob, Endpoint } from '../types';

export function buildDeliveryHeaders(
  endpoint: Endpoint,
  job: DeliveryJob,
  signatureHeaders: Record<string, string>,
  userAgent: string,
): Record<string, string> {
  return {
    ...endpoint.headers,
    'content-type': 'application/json',
    'user-agent': userAgent,
    'x-relay-event-id': job.eventId,
    'x-relay-event-type': job.eventType,
    'x-relay-delivery-id': job.id,
    'x-relay-attempt': String(job.attempt + 1),
    ...signatureHeaders,
  };
}
