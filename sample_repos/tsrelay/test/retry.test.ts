import { describe, it, expect } from 'vitest';
import { backoffDelay, decideRetry, isRetryableStatus, DEFAULT_RETRY_POLICY } from '../src/queue/retry';
import type { RetryPolicy } from '../src/queue/retry';

const noJitter: RetryPolicy = { ...DEFAULT_RETRY_POLICY, jitter: 0 };

describe('isRetryableStatus', () => {
  it('retries server errors and throttling', () => {
    expect(isRetryableStatus(500)).toBe(true);
    expect(isRetryableStatus(503)).toBe(true);
    expect(isRetryableStatus(429)).toBe(true);
    expect(isRetryableStatus(408)).toBe(true);
  });

  it('does not retry other client errors', () => {
    expect(isRetryableStatus(400)).toBe(false);
    expect(isRetryableStatus(404)).toBe(false);
    expect(isRetryableStatus(410)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially from the base delay', () => {
    expect(backoffDelay(1, noJitter)).toBe(1_000);
    expect(backoffDelay(2, noJitter)).toBe(2_000);
    expect(backoffDelay(4, noJitter)).toBe(8_000);
  });

  it('is capped at maxDelayMs', () => {
    expect(backoffDelay(30, noJitter)).toBe(noJitter.maxDelayMs);
  });

  it('applies jitter within the configured spread', () => {
    const policy = { ...noJitter, jitter: 0.5 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1_500);
  });
});

describe('decideRetry', () => {
  it('is done on success', () => {
    expect(decideRetry({ ok: true, status: 200, durationMs: 5 }, 1, noJitter)).toEqual({ action: 'done' });
  });

  it('retries network errors', () => {
    const decision = decideRetry({ ok: false, error: 'ECONNRESET', durationMs: 5 }, 2, noJitter);
    expect(decision).toEqual({ action: 'retry', delayMs: 2_000 });
  });

  it('dead-letters permanent failures immediately', () => {
    const decision = decideRetry({ ok: false, status: 404, durationMs: 5 }, 1, noJitter);
    expect(decision.action).toBe('dead');
  });

  it('gives up after maxAttempts', () => {
    const decision = decideRetry({ ok: false, status: 503, durationMs: 5 }, noJitter.maxAttempts, noJitter);
    expect(decision).toEqual({ action: 'dead', reason: `gave up after ${noJitter.maxAttempts} attempts` });
  });
});
