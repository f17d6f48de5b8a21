/**
 * Retry policy: exponential backoff with jitter.
 *
 * After each failed attempt the worker asks `decideRetry` whether to try
 * again (and when) or to give up and dead-letter the job. Client errors
 * (4xx other than 408/425/429) are treated as permanent.
 */
import type { DeliveryOutcome } from '../delivery/http';

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Multiplier applied per attempt. */
  factor: number;
  /** Fraction of the delay randomised, 0..1. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  factor: 2,
  jitter: 0.2,
};

export type RetryDecision =
  | { action: 'done' }
  | { action: 'retry'; delayMs: number }
  | { action: 'dead'; reason: string };

const RETRYABLE_CLIENT_STATUSES = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status);
}

/**
 * Delay before attempt number `attempt + 1`, given `attempt` attempts so far
 * (attempt >= 1). Jitter spreads retries so endpoints recovering from an
 * outage are not hit by every queued job at once.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * Math.pow(policy.factor, exponent));
  const spread = raw * policy.jitter;
  const jittered = raw - spread + random() * spread * 2;
  return Math.round(Math.min(policy.maxDelayMs, Math.max(0, jittered)));
}

/** Decides what to do after attempt number `attempt` produced `outcome`. */
export function decideRetry(
  outcome: DeliveryOutcome,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (outcome.ok) return { action: 'done' };
  if (outcome.status !== undefined && !isRetryableStatus(outcome.status)) {
    return { action: 'dead', reason: `non-retryable status ${outcome.status}` };
  }
  if (attempt >= policy.maxAttempts) {
    return { action: 'dead', reason: `gave up after ${attempt} attempts` };
  }
  return { action: 'retry', delayMs: backoffDelay(attempt, policy, random) };
}
