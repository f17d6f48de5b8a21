/**
 * Request context, handler types and the dependency bundle shared by the
 * HTTP layer.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RelayConfig } from '@config';
import type { Clock } from '@utils/clock';
import { UnauthorizedError } from '@utils/errors';
import type { Logger } from '@utils/logger';
import type { Database, DeliveryLog, TenantStore } from '@storage';
import type { ApiKeyRegistry } from '../auth';
import type { DeadLetterStore, DeliveryQueue } from '../queue';
import type { Tenant } from '../types';
import type { RateLimiter } from './middleware/rateLimit';

/** How a route authenticates its caller. */
export type AuthMode = 'none' | 'tenant' | 'admin' | 'signature';

export interface RequestContext {
  req: IncomingMessage;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  requestId: string;
  log: Logger;
  /** Set by the auth middleware for `tenant` and `signature` routes. */
  tenant?: Tenant;
  isAdmin: boolean;
}

export interface HandlerResponse {
  status: number;
  /** Serialised as JSON unless `raw` is set. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<HandlerResponse> | HandlerResponse;

export interface AppDeps {
  config: RelayConfig;
  clock: Clock;
  db: Database;
  tenants: TenantStore;
  deliveryLog: DeliveryLog;
  queue: DeliveryQueue;
  deadLetters: DeadLetterStore;
  apiKeys: ApiKeyRegistry;
  rateLimiter: RateLimiter;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): HandlerResponse {
  return { status, body, headers };
}

/** Returns the first value of a request header. */
export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The authenticated tenant; throws if the route was not tenant-authenticated. */
export function requireTenant(ctx: RequestContext): Tenant {
  if (!ctx.tenant) throw new UnauthorizedError();
  return ctx.tenant;
}
