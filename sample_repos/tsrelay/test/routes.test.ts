import { describe, it, expect } from 'vitest';
import { compileRoute, matchRoute } from '../src/api/routes';
import type { Route } from '../src/api/routes';

const noop = () => ({ status: 204 });

const routes = [
  { method: 'GET', pattern: '/admin/tenants/:tenantId', auth: 'admin', rateLimited: false, handler: noop },
  { method: 'POST', pattern: '/admin/tenants/:tenantId/rotate-key', auth: 'admin', rateLimited: false, handler: noop },
  { method: 'POST', pattern: '/v1/webhooks/:tenantId', auth: 'signature', rateLimited: true, handler: noop },
].map((r) => compileRoute(r as Route));

describe('matchRoute', () => {
  it('extracts path parameters', () => {
    const match = matchRoute(routes, 'GET', '/admin/tenants/ten_123');
    expect(match?.route.pattern).toBe('/admin/tenants/:tenantId');
    expect(match?.params).toEqual({ tenantId: 'ten_123' });
  });

  it('respects the method', () => {
    expect(matchRoute(routes, 'GET', '/v1/webhooks/ten_1')).toBeUndefined();
    expect(matchRoute(routes, 'POST', '/v1/webhooks/ten_1')?.route.auth).toBe('signature');
  });

  it('matches deeper routes exactly and tolerates a trailing slash', () => {
    expect(matchRoute(routes, 'POST', '/admin/tenants/t/rotate-key/')?.params).toEqual({ tenantId: 't' });
    expect(matchRoute(routes, 'GET', '/admin/tenants/t/extra')).toBeUndefined();
  });

  it('decodes encoded parameters', () => {
    expect(matchRoute(routes, 'GET', '/admin/tenants/a%20b')?.params.tenantId).toBe('a b');
  });
});
