/**
 * API key issuing and authentication.
 *
 * Keys look like `trk_<40 hex chars>`. Only a SHA-256 digest is stored; the
 * plaintext key is returned once, at creation or rotation time. Admin keys
 * come from configuration (`RELAY_ADMIN_KEYS`) and are hashed at startup.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TenantStore } from '@storage';
import type { Tenant, TenantId } from '../types';

export const API_KEY_PREFIX = 'trk_';

export interface IssuedKey {
  /** Plaintext key; show once, never store or log. */
  key: string;
  hash: string;
  last4: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): IssuedKey {
  const key = `${API_KEY_PREFIX}${randomBytes(20).toString('hex')}`;
  return { key, hash: hashApiKey(key), last4: key.slice(-4) };
}

/** Reads a key from `Authorization: Bearer <key>` or `x-api-key`. */
export function extractApiKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (match) return match[1];
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header.trim() : undefined;
}

function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export class ApiKeyRegistry {
  private readonly adminHashes: string[];

  constructor(private readonly tenants: TenantStore, adminKeys: string[]) {
    this.adminHashes = adminKeys.map(hashApiKey);
  }

  /** Returns the tenant owning `key`, or undefined if the key is unknown. */
  authenticateTenant(key: string): Tenant | undefined {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    return this.tenants.findByApiKeyHash(hashApiKey(key));
  }

  isAdminKey(key: string): boolean {
    const hash = hashApiKey(key);
    return this.adminHashes.some((adminHash) => hashesEqual(adminHash, hash));
  }

  /**
   * Issues a new key for the tenant. The old key stops working immediately,
   * so clients must be updated at the same moment.
   */
  rotateTenantKey(tenantId: TenantId): IssuedKey {
    const issued = generateApiKey();
    this.tenants.update(tenantId, { apiKeyHash: issued.hash, apiKeyLast4: issued.last4 });
    return issued;
  }
}
