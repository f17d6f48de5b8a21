/**
 * HMAC webhook signatures.
 *
 * Scheme (compatible with the common "timestamped HMAC" style):
 *   x-relay-timestamp: <unix seconds>
 *   x-relay-signature: v1=<hex hmac-sha256 of "<timestamp>.<raw body>">[,v1=<...>]
 *
 * Multiple `v1=` values are accepted so senders can sign with an old and a
 * new secret during secret rotation. Comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { unixSeconds } from '@utils/clock';

export const SIGNATURE_HEADER = 'x-relay-signature';
export const TIMESTAMP_HEADER = 'x-relay-timestamp';
export const SIGNATURE_VERSION = 'v1';

export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: 'missing_header' | 'malformed_header' | 'stale_timestamp' | 'mismatch' };

export interface VerifyOptions {
  /** Current time in epoch milliseconds. */
  now: number;
  /** Maximum accepted age (and future skew) of the timestamp, in seconds. */
  toleranceSec: number;
}

/** Computes the hex HMAC-SHA256 over `"<timestamp>.<payload>"`. */
export function computeSignature(secret: string, timestamp: number, payload: string): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(payload, 'binary')
    .digest('hex');
}

/** Extracts all `v1=` signatures from a header value. */
export function parseSignatureHeader(header: string): string[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_VERSION}=`))
    .map((part) => part.slice(SIGNATURE_VERSION.length + 1))
    .filter((sig) => /^[0-9a-f]{64}$/i.test(sig));
}

function safeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function verifySignature(
  secret: string,
  signatureHeader: string | undefined,
  timestampHeader: string | undefined,
  payload: string,
  options: VerifyOptions,
): VerifyResult {
  if (!signatureHeader || !timestampHeader) return { ok: false, reason: 'missing_header' };
  const timestamp = Number(timestampHeader);
  const candidates = parseSignatureHeader(signatureHeader);
  if (!Number.isInteger(timestamp) || candidates.length === 0) {
    return { ok: false, reason: 'malformed_header' };
  }
  if (Math.abs(unixSeconds(options.now) - timestamp) > options.toleranceSec) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const expected = computeSignature(secret, timestamp, payload);
  return candidates.some((candidate) => safeEqualHex(candidate, expected))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}

/** Headers to attach to an outbound delivery so receivers can verify it. */
export function signOutgoing(secret: string, payload: string, now: number): Record<string, string> {
  const timestamp = unixSeconds(now);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: `${SIGNATURE_VERSION}=${computeSignature(secret, timestamp, payload)}`,
  };
}
