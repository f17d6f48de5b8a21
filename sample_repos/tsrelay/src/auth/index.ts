/**
 * Authentication and tenant-validation barrel.
 *
 * Imported as a directory (`from '../auth'`) by the API layer.
 */
export {
  ApiKeyRegistry,
  API_KEY_PREFIX,
  extractApiKey,
  generateApiKey,
  hashApiKey,
} from './apiKeys';
export type { IssuedKey } from './apiKeys';
export {
  computeSignature,
  parseSignatureHeader,
  signOutgoing,
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './signatures';
export type { VerifyOptions, VerifyResult } from './signatures';
export {
  assertTenantActive,
  newSigningSecret,
  parseCreateEndpoint,
  parseCreateTenant,
  publicEndpoint,
  publicTenant,
} from './tenants';
export type { CreateTenantInput, PublicTenant } from './tenants';
