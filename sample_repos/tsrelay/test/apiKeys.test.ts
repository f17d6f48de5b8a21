import { describe, it, expect, beforeEach } from 'vitest';
import { ApiKeyRegistry, extractApiKey, generateApiKey, hashApiKey } from '../src/auth/apiKeys';
import { ManualClock } from '../src/utils/clock';
import { createLogger } from '../src/utils/logger';
import { openAndMigrate, TenantStore } from '../src/storage';

const silent = createLogger('error', () => undefined);

describe('api keys', () => {
  let tenants: TenantStore;
  let registry: ApiKeyRegistry;

  beforeEach(() => {
    tenants = new TenantStore(openAndMigrate(null, silent), new ManualClock(1_000));
    registry = new ApiKeyRegistry(tenants, ['trk_admin_test']);
  });

  it('generates prefixed keys with a matching hash', () => {
    const issued = generateApiKey();
    expect(issued.key).toMatch(/^trk_[0-9a-f]{40}$/);
    expect(issued.hash).toBe(hashApiKey(issued.key));
    expect(issued.last4).toBe(issued.key.slice(-4));
  });

  it('extracts keys from bearer and x-api-key headers', () => {
    expect(extractApiKey({ authorization: 'Bearer trk_abc' })).toBe('trk_abc');
    expect(extractApiKey({ 'x-api-key': 'trk_def' })).toBe('trk_def');
    expect(extractApiKey({})).toBeUndefined();
  });

  it('authenticates the owning tenant', () => {
    const issued = generateApiKey();
    const tenant = tenants.create({ name: 'acme', signingSecret: 's', apiKeyHash: issued.hash, apiKeyLast4: issued.last4, rateLimitPerMinute: 60 });
    expect(registry.authenticateTenant(issued.key)?.id).toBe(tenant.id);
    expect(registry.authenticateTenant('trk_unknown')).toBeUndefined();
  });

  it('recognises admin keys only', () => {
    expect(registry.isAdminKey('trk_admin_test')).toBe(true);
    expect(registry.isAdminKey('trk_admin_other')).toBe(false);
  });

  it('rotation issues a new working key', () => {
    const first = generateApiKey();
    const tenant = tenants.create({ name: 'acme', signingSecret: 's', apiKeyHash: first.hash, apiKeyLast4: first.last4, rateLimitPerMinute: 60 });
    const rotated = registry.rotateTenantKey(tenant.id);
    expect(registry.authenticateTenant(rotated.key)?.id).toBe(tenant.id);
  });
});
