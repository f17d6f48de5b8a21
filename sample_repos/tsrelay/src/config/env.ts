/**
 * Environment parsing.
 *
 * Reads `RELAY_*` variables into a typed, structured `RelayConfig`. All
 * defaults live here so the rest of the service never touches `process.env`.
 */
import type { LogLevel } from '@utils/logger';
import type { RetryPolicy } from '../queue/retry';

export interface RelayConfig {
  server: { host: string; port: number; maxBodyBytes: number };
  logLevel: LogLevel;
  auth: {
    /** Fallback secret for tenants created without one (development only). */
    signingSecret: string;
    signatureToleranceSec: number;
    adminKeys: string[];
  };
  queue: { concurrency: number; pollIntervalMs: number; retry: RetryPolicy };
  delivery: { timeoutMs: number; userAgent: string };
  rateLimit: { requestsPerMinute: number; burst: number };
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`missing required environment variable ${name}`);
}

function readInt(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function readList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function readLogLevel(env: Env): LogLevel {
  const level = readString(env, 'RELAY_LOG_LEVEL', 'info');
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') return level;
  throw new ConfigError(`RELAY_LOG_LEVEL must be debug|info|warn|error, got "${level}"`);
}

export function loadEnv(env: Env = process.env): RelayConfig {
  return {
    server: {
      host: readString(env, 'RELAY_HOST', '0.0.0.0'),
      port: readInt(env, 'RELAY_PORT', 8080, 1),
      maxBodyBytes: readInt(env, 'RELAY_MAX_BODY_BYTES', 256 * 1024, 1024),
    },
    logLevel: readLogLevel(env),
    auth: {
      signingSecret: readString(env, 'RELAY_SIGNING_SECRET'),
      signatureToleranceSec: readInt(env, 'RELAY_SIGNATURE_TOLERANCE_SEC', 300),
      adminKeys: readList(env, 'RELAY_ADMIN_KEYS'),
    },
    queue: {
      concurrency: readInt(env, 'RELAY_WORKER_CONCURRENCY', 8, 1),
      pollIntervalMs: readInt(env, 'RELAY_POLL_INTERVAL_MS', 250, 10),
      retry: {
        maxAttempts: readInt(env, 'RELAY_MAX_ATTEMPTS', 8, 1),
        baseDelayMs: readInt(env, 'RELAY_BACKOFF_BASE_MS', 1_000),
        maxDelayMs: readInt(env, 'RELAY_BACKOFF_MAX_MS', 15 * 60_000),
        factor: 2,
        jitter: 0.2,
      },
    },
    delivery: {
      timeoutMs: readInt(env, 'RELAY_DELIVERY_TIMEOUT_MS', 10_000, 100),
      userAgent: readString(env, 'RELAY_USER_AGENT', 'tsrelay/0.4'),
    },
    rateLimit: {
      requestsPerMinute: readInt(env, 'RELAY_RATE_LIMIT_PER_MINUTE', 600, 1),
      burst: readInt(env, 'RELAY_RATE_LIMIT_BURST', 50, 1),
    },
  };
}
