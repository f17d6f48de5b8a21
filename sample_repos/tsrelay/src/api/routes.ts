/**
 * Route table and path matching.
 *
 * Patterns use `:name` segments for parameters. Routes are matched in
 * declaration order; the first match wins.
 */
import type { AppDeps, AuthMode, Handler } from './context';
import { makeAdminHandlers } from './handlers/admin';
import { makeHealthHandlers } from './handlers/health';
import { makeTenantHandlers } from './handlers/tenant';
import { makeWebhookHandlers } from './handlers/webhooks';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface Route {
  method: Method;
  pattern: string;
  auth: AuthMode;
  rateLimited: boolean;
  handler: Handler;
}

export interface CompiledRoute extends Route {
  regex: RegExp;
  paramNames: string[];
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

export function compileRoute(route: Route): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), paramNames };
}

export function buildRoutes(deps: AppDeps): CompiledRoute[] {
  const health = makeHealthHandlers(deps);
  const webhooks = makeWebhookHandlers(deps);
  const tenant = makeTenantHandlers(deps);
  const admin = makeAdminHandlers(deps);
  const r = (method: Method, pattern: string, auth: AuthMode, handler: Handler, rateLimited = false): Route => ({
    method,
    pattern,
    auth,
    handler,
    rateLimited,
  });

  return [
    r('GET', '/healthz', 'none', health.healthz),
    r('GET', '/readyz', 'none', health.readyz),
    r('GET', '/metrics', 'none', health.metrics),

    r('POST', '/v1/webhooks/:tenantId', 'signature', webhooks.receiveWebhook, true),
    r('POST', '/v1/events', 'tenant', webhooks.publishEvent, true),
    r('GET', '/v1/deliveries', 'tenant', tenant.listDeliveries, true),
    r('GET', '/v1/deliveries/:id', 'tenant', tenant.getDelivery, true),
    r('GET', '/v1/endpoints', 'tenant', tenant.listEndpoints, true),
    r('POST', '/v1/endpoints', 'tenant', tenant.createEndpoint, true),
    r('DELETE', '/v1/endpoints/:endpointId', 'tenant', tenant.deleteEndpoint, true),

    r('GET', '/admin/tenants', 'admin', admin.listTenants),
    r('POST', '/admin/tenants', 'admin', admin.createTenant),
    r('GET', '/admin/tenants/:tenantId', 'admin', admin.getTenant),
    r('POST', '/admin/tenants/:tenantId/disable', 'admin', admin.disableTenant),
    r('POST', '/admin/tenants/:tenantId/rotate-key', 'admin', admin.rotateKey),
    r('GET', '/admin/queue', 'admin', admin.queueStats),
  ].map(compileRoute);
}

export function matchRoute(routes: CompiledRoute[], method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.regex.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1]);
    });
    return { route, params };
  }
  return undefined;
}
