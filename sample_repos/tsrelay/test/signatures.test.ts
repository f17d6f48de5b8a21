import { describe, it, expect } from 'vitest';
import {
  computeSignature,
  parseSignatureHeader,
  signOutgoing,
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../src/auth/signatures';

const secret = 'whsec_test';
const now = 1_700_000_000_000;
const timestamp = Math.floor(now / 1000);
const body = '{"type":"invoice.paid","amount":42}';

describe('parseSignatureHeader', () => {
  it('extracts every v1 signature and ignores other versions', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(parseSignatureHeader(`v1=${a}, v0=${b},v1=${b}`)).toEqual([a, b]);
  });

  it('drops malformed values', () => {
    expect(parseSignatureHeader('v1=nothex')).toEqual([]);
  });
});

describe('verifySignature', () => {
  const options = { now, toleranceSec: 300 };

  it('accepts a valid signature', () => {
    const header = `v1=${computeSignature(secret, timestamp, body)}`;
    expect(verifySignature(secret, header, String(timestamp), body, options)).toEqual({ ok: true });
  });

  it('accepts any of several signatures (secret rotation)', () => {
    const header = `v1=${computeSignature('old', timestamp, body)},v1=${computeSignature(secret, timestamp, body)}`;
    expect(verifySignature(secret, header, String(timestamp), body, options).ok).toBe(true);
  });

  it('rejects a tampered body', () => {
    const header = `v1=${computeSignature(secret, timestamp, body)}`;
    expect(verifySignature(secret, header, String(timestamp), body + ' ', options)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects stale timestamps', () => {
    const old = timestamp - 301;
    const header = `v1=${computeSignature(secret, old, body)}`;
    expect(verifySignature(secret, header, String(old), body, options)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('reports missing headers', () => {
    expect(verifySignature(secret, undefined, undefined, body, options)).toEqual({ ok: false, reason: 'missing_header' });
  });
});

describe('signOutgoing', () => {
  it('produces headers that verify', () => {
    const headers = signOutgoing(secret, body, now);
    const result = verifySignature(secret, headers[SIGNATURE_HEADER], headers[TIMESTAMP_HEADER], body, { now, toleranceSec: 5 });
    expect(result.ok).toBe(true);
  });
});
