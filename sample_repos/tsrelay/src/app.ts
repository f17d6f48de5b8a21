/**
 * Application assembly.
 *
 * Builds every long-lived component (storage, queue, worker, auth registry,
 * rate limiter, HTTP server) from a config object. `index.ts` uses this for
 * the real process; tests use it with an in-memory database, a manual clock
 * and a fake sender.
 */
import type { Server } from 'node:http';
import type { RelayConfig } from '@config';
import { systemClock } from '@utils/clock';
import type { Clock } from '@utils/clock';
import { logger } from '@utils/logger';
import { DeliveryLog, openDatabase, runMigrations, TenantStore } from '@storage';
import type { Database } from '@storage';
import { createServer } from './api/server';
import type { AppDeps } from './api/context';
import { RateLimiter } from './api/middleware';
import { ApiKeyRegistry } from './auth';
import { createSender } from './delivery';
import type { Sender } from './delivery';
import { DeadLetterStore, DeliveryQueue, DeliveryWorker } from './queue';

export interface AppOverrides {
  clock?: Clock;
  send?: Sender;
  /** Pre-opened database, e.g. `openDatabase(null)` for an in-memory one. */
  db?: Database;
}

export interface App {
  deps: AppDeps;
  server: Server;
  worker: DeliveryWorker;
  db: Database;
}

export function createApp(config: RelayConfig, overrides: AppOverrides = {}): App {
  const clock = overrides.clock ?? systemClock;
  const db = overrides.db ?? openDatabase();
  runMigrations(db, logger.child({ component: 'migrations' }));

  const tenants = new TenantStore(db, clock);
  const deliveryLog = new DeliveryLog(db);
  const deadLetters = new DeadLetterStore(db, clock);
  const queue = new DeliveryQueue();

  const deps: AppDeps = {
    config,
    clock,
    db,
    tenants,
    deliveryLog,
    queue,
    deadLetters,
    apiKeys: new ApiKeyRegistry(tenants, config.auth.adminKeys),
    rateLimiter: new RateLimiter(config.rateLimit, clock),
  };

  const worker = new DeliveryWorker(
    { queue, tenants, deliveryLog, deadLetters, clock, send: overrides.send ?? createSender(fetch, clock) },
    {
      concurrency: config.queue.concurrency,
      pollIntervalMs: config.queue.pollIntervalMs,
      timeoutMs: config.delivery.timeoutMs,
      userAgent: config.delivery.userAgent,
      retry: config.queue.retry,
    },
  );

  return { deps, server: createServer(deps), worker, db };
}
