/**
 * Persistence for tenants and their endpoints.
 */
import { newId } from '@utils/ids';
import type { Clock } from '@utils/clock';
import type { Endpoint, Tenant, TenantId } from '../types';
import type { Database, Table } from './db';
import { TABLES } from './migrations';

export interface NewTenant {
  name: string;
  signingSecret: string;
  apiKeyHash: string;
  apiKeyLast4: string;
  rateLimitPerMinute: number;
}

export type NewEndpoint = Omit<Endpoint, 'id' | 'tenantId' | 'createdAt' | 'active'>;

export class TenantStore {
  private readonly tenants: Table<Tenant>;
  private readonly endpoints: Table<Endpoint>;

  constructor(db: Database, private readonly clock: Clock) {
    this.tenants = db.table<Tenant>(TABLES.tenants);
    this.endpoints = db.table<Endpoint>(TABLES.endpoints);
  }

  create(input: NewTenant): Tenant {
    const now = this.clock.now();
    return this.tenants.insert({ id: newId('ten', now), ...input, disabled: false, createdAt: now, updatedAt: now });
  }

  findTenant(id: TenantId): Tenant | undefined {
    return this.tenants.get(id);
  }

  getTenant(id: TenantId): Tenant {
    const tenant = this.tenants.get(id);
    if (!tenant) throw new Error(`tenant ${id} does not exist`);
    return tenant;
  }

  list(): Tenant[] {
    return this.tenants.all().sort((a, b) => a.createdAt - b.createdAt);
  }

  update(id: TenantId, patch: Partial<Omit<Tenant, 'id' | 'createdAt'>>): Tenant {
    this.getTenant(id);
    return this.tenants.update(id, { ...patch, updatedAt: this.clock.now() }) as Tenant;
  }

  findByApiKeyHash(hash: string): Tenant | undefined {
    return this.tenants.findOne((tenant) => tenant.apiKeyHash === hash);
  }

  addEndpoint(tenantId: TenantId, input: NewEndpoint): Endpoint {
    this.getTenant(tenantId);
    const now = this.clock.now();
    return this.endpoints.insert({ ...input, id: newId('end', now), tenantId, active: true, createdAt: now });
  }

  listEndpoints(tenantId: TenantId, onlyActive = false): Endpoint[] {
    return this.endpoints.find((e) => e.tenantId === tenantId && (!onlyActive || e.active));
  }

  findEndpoint(tenantId: TenantId, endpointId: string): Endpoint | undefined {
    const endpoint = this.endpoints.get(endpointId);
    return endpoint && endpoint.tenantId === tenantId ? endpoint : undefined;
  }

  setEndpointActive(endpointId: string, active: boolean): void {
    this.endpoints.update(endpointId, { active });
  }

  removeEndpoint(tenantId: TenantId, endpointId: string): boolean {
    if (!this.findEndpoint(tenantId, endpointId)) return false;
    return this.endpoints.delete(endpointId);
  }
}
