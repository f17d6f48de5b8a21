/**
 * Admin API handlers (admin API key auth) under `/admin/`.
 *
 * Operators use these to onboard tenants, disable abusive tenants, rotate
 * tenant API keys and inspect the delivery queue.
 */
import { generateApiKey, newSigningSecret, parseCreateTenant, publicTenant } from '../../auth';
import { queueStats as computeQueueStats } from '../../queue';
import { parseJson } from '../body';
import { json } from '../context';
import type { AppDeps, Handler } from '../context';

type AdminHandlers = 'listTenants' | 'createTenant' | 'getTenant' | 'disableTenant' | 'rotateKey' | 'queueStats';

export function makeAdminHandlers(deps: AppDeps): Record<AdminHandlers, Handler> {
  return {
    listTenants() {
      return json(200, { data: deps.tenants.list().map(publicTenant) });
    },

    createTenant(ctx) {
      const input = parseCreateTenant(parseJson(ctx.rawBody), deps.config.rateLimit.requestsPerMinute);
      const key = generateApiKey();
      const signingSecret = newSigningSecret();
      const tenant = deps.tenants.create({
        name: input.name,
        rateLimitPerMinute: input.rateLimitPerMinute,
        signingSecret,
        apiKeyHash: key.hash,
        apiKeyLast4: key.last4,
      });
      ctx.log.info('tenant created', { tenantId: tenant.id });
      // The plaintext key and secret are only ever returned here.
      return json(201, { tenant: publicTenant(tenant), apiKey: key.key, signingSecret });
    },

    getTenant(ctx) {
      const tenant = deps.tenants.getTenant(ctx.params.tenantId);
      return json(200, {
        tenant: publicTenant(tenant),
        endpoints: deps.tenants.listEndpoints(tenant.id).length,
        deliveries: deps.deliveryLog.stats(tenant.id),
        pending: deps.queue.pendingForTenant(tenant.id),
        deadLetters: deps.deadLetters.count(tenant.id),
      });
    },

    disableTenant(ctx) {
      const tenant = deps.tenants.update(ctx.params.tenantId, { disabled: true });
      ctx.log.warn('tenant disabled', { tenantId: tenant.id });
      return json(200, publicTenant(tenant));
    },

    rotateKey(ctx) {
      const issued = deps.apiKeys.rotateTenantKey(ctx.params.tenantId);
      ctx.log.info('tenant API key rotated', { tenantId: ctx.params.tenantId, last4: issued.last4 });
      return json(200, { apiKey: issued.key, last4: issued.last4 });
    },

    queueStats() {
      return json(200, computeQueueStats(deps.queue, deps.deadLetters));
    },
  };
}
