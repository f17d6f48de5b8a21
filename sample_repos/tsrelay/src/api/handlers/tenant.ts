/**
 * Tenant-facing handlers (API key auth): delivery history and endpoint
 * management under `/v1/`.
 */
import { NotFoundError, ValidationError } from '@utils/errors';
import { parseCreateEndpoint, publicEndpoint } from '../../auth';
import type { DeliveryStatus } from '../../types';
import { parseJson, parseLimit } from '../body';
import { json, requireTenant } from '../context';
import type { AppDeps, Handler } from '../context';

const STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['succeeded', 'failed', 'retrying', 'dead']);

type TenantHandlers = 'listDeliveries' | 'getDelivery' | 'listEndpoints' | 'createEndpoint' | 'deleteEndpoint';

export function makeTenantHandlers(deps: AppDeps): Record<TenantHandlers, Handler> {
  return {
    listDeliveries(ctx) {
      const tenant = requireTenant(ctx);
      const status = ctx.query.get('status');
      if (status !== null && !STATUSES.has(status)) throw new ValidationError(`unknown status ${status}`);
      const since = ctx.query.get('since');
      const entries = deps.deliveryLog.forTenant(tenant.id, {
        status: (status ?? undefined) as DeliveryStatus | undefined,
        endpointId: ctx.query.get('endpointId') ?? undefined,
        since: since === null ? undefined : Date.parse(since),
        limit: parseLimit(ctx.query.get('limit'), 50, 500),
      });
      return json(200, { data: entries, stats: deps.deliveryLog.stats(tenant.id) });
    },

    getDelivery(ctx) {
      const tenant = requireTenant(ctx);
      const entry = deps.deliveryLog.get(tenant.id, ctx.params.id);
      if (!entry) throw new NotFoundError('delivery', ctx.params.id);
      return json(200, { ...entry, attempts: deps.deliveryLog.forJob(entry.jobId) });
    },

    listEndpoints(ctx) {
      const tenant = requireTenant(ctx);
      return json(200, { data: deps.tenants.listEndpoints(tenant.id).map(publicEndpoint) });
    },

    createEndpoint(ctx) {
      const tenant = requireTenant(ctx);
      const input = parseCreateEndpoint(parseJson(ctx.rawBody));
      const endpoint = deps.tenants.addEndpoint(tenant.id, input);
      ctx.log.info('endpoint created', { endpointId: endpoint.id, url: endpoint.url });
      return json(201, publicEndpoint(endpoint));
    },

    deleteEndpoint(ctx) {
      const tenant = requireTenant(ctx);
      if (!deps.tenants.removeEndpoint(tenant.id, ctx.params.endpointId)) {
        throw new NotFoundError('endpoint', ctx.params.endpointId);
      }
      return { status: 204 };
    },
  };
}
