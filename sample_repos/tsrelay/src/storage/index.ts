/**
 * Storage layer barrel (`@storage`).
 *
 * Everything outside `src/storage/` should import persistence types and
 * classes from here rather than from individual modules.
 */
export { Database, Table, openDatabase } from './db';
export type { Row } from './db';
export { runMigrations, pendingMigrations, migrations, TABLES } from './migrations';
export type { Migration } from './migrations';
export { TenantStore } from './tenantStore';
export type { NewTenant, NewEndpoint } from './tenantStore';
export { DeliveryLog } from './deliveryLog';
export type { DeliveryLogEntry, DeliveryStats, LogQuery } from './deliveryLog';

import { openDatabase } from './db';
import { runMigrations } from './migrations';
import type { Database } from './db';
import type { Logger } from '@utils/logger';

/** Opens the database and brings its schema up to date. */
export function openAndMigrate(path: string | null | undefined, log: Logger): Database {
  const db = path === undefined ? openDatabase() : openDatabase(path);
  runMigrations(db, log);
  return db;
}
