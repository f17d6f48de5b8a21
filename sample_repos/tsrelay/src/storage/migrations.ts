/**
 * Schema migrations for the embedded store.
 *
 * Migrations are applied in version order on startup. Each one must be
 * idempotent with respect to its own version: `runMigrations` records the
 * highest applied version in `db.schemaVersion`.
 */
import type { Logger } from '@utils/logger';
import type { Database, Row } from './db';

export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

export const TABLES = {
  tenants: 'tenants',
  endpoints: 'endpoints',
  deliveryLog: 'delivery_log',
  deadLetters: 'dead_letters',
} as const;

type LooseRow = Row & Record<string, unknown>;

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'create tenants, endpoints, delivery_log and dead_letters tables',
    up(db) {
      for (const name of Object.values(TABLES)) db.createTable(name);
    },
  },
  {
    version: 2,
    description: 'backfill tenant rateLimitPerMinute',
    up(db) {
      const tenants = db.table<LooseRow>(TABLES.tenants);
      for (const tenant of tenants.all()) {
        if (typeof tenant.rateLimitPerMinute !== 'number') {
          tenants.update(tenant.id, { rateLimitPerMinute: 600 });
        }
      }
    },
  },
  {
    version: 3,
    description: 'add endpoint headers and conditions',
    up(db) {
      const endpoints = db.table<LooseRow>(TABLES.endpoints);
      for (const endpoint of endpoints.all()) {
        endpoints.update(endpoint.id, {
          headers: endpoint.headers ?? {},
          conditions: endpoint.conditions ?? [],
        });
      }
    },
  },
];

export function pendingMigrations(db: Database, all: Migration[] = migrations): Migration[] {
  return all.filter((m) => m.version > db.schemaVersion).sort((a, b) => a.version - b.version);
}

/** Applies pending migrations and flushes. Returns how many were applied. */
export function runMigrations(db: Database, log: Logger, all: Migration[] = migrations): number {
  const pending = pendingMigrations(db, all);
  for (const migration of pending) {
    log.info('applying migration', { version: migration.version, description: migration.description });
    migration.up(db);
    db.schemaVersion = migration.version;
  }
  if (pending.length > 0) db.flush();
  return pending.length;
}
