/**
 * Liveness, readiness and metrics endpoints (no auth).
 */
import { registry } from '@metrics/counters';
import { CONTENT_TYPE, renderPrometheus } from '@metrics/exporter';
import { migrations } from '@storage';
import { json } from '../context';
import type { AppDeps, Handler } from '../context';

const LATEST_SCHEMA = Math.max(...migrations.map((m) => m.version));

export function makeHealthHandlers(deps: AppDeps): Record<'healthz' | 'readyz' | 'metrics', Handler> {
  const startedAt = deps.clock.now();
  return {
    healthz() {
      return json(200, { status: 'ok', uptimeMs: deps.clock.now() - startedAt });
    },

    readyz() {
      const schemaOk = deps.db.schemaVersion >= LATEST_SCHEMA;
      const body = {
        status: schemaOk ? 'ready' : 'migrating',
        schemaVersion: deps.db.schemaVersion,
        queue: { pending: deps.queue.size(), inflight: deps.queue.inflightCount() },
      };
      return json(schemaOk ? 200 : 503, body);
    },

    metrics() {
      return { status: 200, raw: renderPrometheus(registry), headers: { 'content-type': CONTENT_TYPE } };
    },
  };
}
