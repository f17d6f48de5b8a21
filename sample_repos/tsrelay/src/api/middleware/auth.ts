/**
 * Authentication middleware.
 *
 * - `admin`: caller presents one of the configured admin API keys.
 * - `tenant`: caller presents a tenant API key; sets `ctx.tenant`.
 * - `signature`: inbound webhook signed with the tenant's signing secret
 *   (tenant taken from the `:tenantId` path parameter); sets `ctx.tenant`.
 */
import { UnauthorizedError } from '@utils/errors';
import { metrics } from '@metrics/counters';
import { assertTenantActive, extractApiKey, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../auth';
import { firstHeader } from '../context';
import type { AppDeps, AuthMode, RequestContext } from '../context';

type AuthDeps = Pick<AppDeps, 'apiKeys' | 'tenants' | 'config' | 'clock'>;

function authenticateAdmin(ctx: RequestContext, deps: AuthDeps): void {
  const key = extractApiKey(ctx.headers);
  if (!key || !deps.apiKeys.isAdminKey(key)) throw new UnauthorizedError('admin API key required');
  ctx.isAdmin = true;
}

function authenticateTenant(ctx: RequestContext, deps: AuthDeps): void {
  const key = extractApiKey(ctx.headers);
  if (!key) throw new UnauthorizedError('API key required');
  const tenant = deps.apiKeys.authenticateTenant(key);
  if (!tenant) throw new UnauthorizedError('unknown API key');
  assertTenantActive(tenant);
  ctx.tenant = tenant;
  ctx.log = ctx.log.child({ tenantId: tenant.id });
}

function authenticateSignature(ctx: RequestContext, deps: AuthDeps): void {
  const tenant = deps.tenants.findTenant(ctx.params.tenantId ?? '');
  if (!tenant) throw new UnauthorizedError('unknown tenant');
  assertTenantActive(tenant);
  const result = verifySignature(
    tenant.signingSecret,
    firstHeader(ctx.headers, SIGNATURE_HEADER),
    firstHeader(ctx.headers, TIMESTAMP_HEADER),
    ctx.rawBody,
    { now: deps.clock.now(), toleranceSec: deps.config.auth.signatureToleranceSec },
  );
  if (!result.ok) {
    metrics.signatureFailures.inc({ tenant: tenant.id, reason: result.reason });
    ctx.log.warn('webhook signature rejected', { tenantId: tenant.id, reason: result.reason });
    throw new UnauthorizedError(`invalid signature: ${result.reason}`);
  }
  ctx.tenant = tenant;
  ctx.log = ctx.log.child({ tenantId: tenant.id });
}

/** Authenticates the request according to the route's auth mode. */
export function authenticate(ctx: RequestContext, mode: AuthMode, deps: AuthDeps): void {
  switch (mode) {
    case 'none':
      return;
    case 'admin':
      return authenticateAdmin(ctx, deps);
    case 'tenant':
      return authenticateTenant(ctx, deps);
    case 'signature':
      return authenticateSignature(ctx, deps);
  }
}
