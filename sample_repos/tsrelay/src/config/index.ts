/**
 * Configuration entry point (`@config`).
 *
 * Loads the environment once and caches it. Tests can inject overrides with
 * `setConfigForTests` and must call `resetConfig` afterwards.
 */
import { loadEnv, ConfigError } from './env';
import type { RelayConfig } from './env';

export type { RelayConfig } from './env';
export { ConfigError } from './env';

let cached: RelayConfig | undefined;

function validate(config: RelayConfig): RelayConfig {
  const { retry } = config.queue;
  if (retry.baseDelayMs > retry.maxDelayMs) {
    throw new ConfigError('RELAY_BACKOFF_BASE_MS must not exceed RELAY_BACKOFF_MAX_MS');
  }
  if (config.rateLimit.burst > config.rateLimit.requestsPerMinute) {
    throw new ConfigError('RELAY_RATE_LIMIT_BURST must not exceed RELAY_RATE_LIMIT_PER_MINUTE');
  }
  if (config.auth.adminKeys.length === 0) {
    throw new ConfigError('RELAY_ADMIN_KEYS must contain at least one admin API key');
  }
  return config;
}

/** Returns the process configuration, loading it on first use. */
export function getConfig(): RelayConfig {
  if (!cached) cached = validate(loadEnv());
  return cached;
}

export function setConfigForTests(overrides: Partial<RelayConfig>): RelayConfig {
  const base = loadEnv({ RELAY_SIGNING_SECRET: 'test-secret', RELAY_ADMIN_KEYS: 'trk_admin_test' });
  cached = { ...base, ...overrides };
  return cached;
}

export function resetConfig(): void {
  cached = undefined;
}
