/**
 * Tenant and endpoint input validation, plus the public (secret-free) views
 * returned by the API.
 */
import { randomBytes } from 'node:crypto';
import { ForbiddenError, ValidationError } from '@utils/errors';
import type { NewEndpoint } from '@storage';
import { isFilterCondition } from '../delivery/filters';
import { validateTemplate } from '../delivery/transform';
import type { Endpoint, Tenant } from '../types';

export interface CreateTenantInput {
  name: string;
  rateLimitPerMinute: number;
}

export type PublicTenant = Omit<Tenant, 'signingSecret' | 'apiKeyHash'>;

function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function parseCreateTenant(body: unknown, defaultRateLimit: number): CreateTenantInput {
  const input = asObject(body);
  if (typeof input.name !== 'string' || input.name.trim().length < 2) {
    throw new ValidationError('name must be a string of at least 2 characters');
  }
  const rate = input.rateLimitPerMinute ?? defaultRateLimit;
  if (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1) {
    throw new ValidationError('rateLimitPerMinute must be a positive integer');
  }
  return { name: input.name.trim(), rateLimitPerMinute: rate };
}

export function parseCreateEndpoint(body: unknown): NewEndpoint {
  const input = asObject(body);
  let url: URL;
  try {
    url = new URL(String(input.url));
  } catch {
    throw new ValidationError('url must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('url must use http or https');
  }
  const eventTypes = input.eventTypes ?? ['*'];
  if (!Array.isArray(eventTypes) || !eventTypes.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new ValidationError('eventTypes must be a non-empty array of strings');
  }
  const conditions = input.conditions ?? [];
  if (!Array.isArray(conditions) || !conditions.every(isFilterCondition)) {
    throw new ValidationError('conditions must be an array of {path, op, value}');
  }
  let template: string | undefined;
  if (input.template !== undefined) {
    if (typeof input.template !== 'string') throw new ValidationError('template must be a string');
    validateTemplate(input.template);
    template = input.template;
  }
  const headers = (input.headers ?? {}) as Record<string, string>;
  return { url: url.toString(), eventTypes: eventTypes as string[], conditions, template, headers };
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function assertTenantActive(tenant: Tenant): void {
  if (tenant.disabled) throw new ForbiddenError(`tenant ${tenant.id} is disabled`);
}

export function publicTenant(tenant: Tenant): PublicTenant {
  const { signingSecret: _secret, apiKeyHash: _hash, ...rest } = tenant;
  return rest;
}

export function publicEndpoint(endpoint: Endpoint): Endpoint {
  return { ...endpoint, headers: Object.fromEntries(Object.keys(endpoint.headers).map((k) => [k, '***'])) };
}
