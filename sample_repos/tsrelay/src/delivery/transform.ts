/**
 * Payload templating.
 *
 * Endpoints may define a `template` such as
 * `{"text": "New order {{id}} for {{type}}"}`. Placeholders are replaced with
 * values from the event envelope. Without a template the default JSON
 * envelope is sent.
 */
import type { Endpoint, WebhookEvent } from '../types';

export interface EventEnvelope {
  id: string;
  type: string;
  tenant: string;
  created: string;
  data: unknown;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

export class TemplateError extends Error {}

export function toEnvelope(event: WebhookEvent): EventEnvelope {
  return {
    id: event.id,
    type: event.type,
    tenant: event.tenantId,
    created: new Date(event.receivedAt).toISOString(),
    data: event.payload,
  };
}

function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Returns the names of all placeholders in a template, for validation. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Replaces `{{key}}` placeholders with values from `context`. */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = context[key];
    return stringifyValue(value);
  });
}

export function validateTemplate(template: string): void {
  const open = (template.match(/\{\{/g) ?? []).length;
  const close = (template.match(/\}\}/g) ?? []).length;
  if (open !== close) throw new TemplateError('unbalanced {{ }} in template');
  if (template.length > 16_384) throw new TemplateError('template longer than 16KiB');
}

/** Builds the request body for one endpoint. */
export function buildPayload(endpoint: Endpoint, event: WebhookEvent): string {
  const envelope = toEnvelope(event);
  if (!endpoint.template) return JSON.stringify(envelope);
  return renderTemplate(endpoint.template, envelope as unknown as Record<string, unknown>);
}
