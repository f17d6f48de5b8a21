/**
 * Request rate limiting (token bucket).
 *
 * Routes marked `rateLimited` consume one token per request. When the bucket
 * is empty the request is rejected with 429 and a Retry-After hint.
 */
import { systemClock } from '@utils/clock';
import type { Clock } from '@utils/clock';
import { RateLimitedError } from '@utils/errors';
import { metrics } from '@metrics/counters';
import type { Tenant } from '../../types';

export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    private readonly capacity: number,
    /** Tokens added per millisecond. */
    private readonly refillRate: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = capacity;
    this.lastRefill = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = now - this.lastRefill;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillRate);
      this.lastRefill = now;
    }
  }

  tryRemove(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens will be available. */
  msUntilAvailable(count = 1): number {
    this.refill();
    const missing = count - this.tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.refillRate);
  }

  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }
}

export interface RateLimitOptions {
  requestsPerMinute: number;
  burst: number;
}

export class RateLimiter {
  private readonly bucket: TokenBucket;

  constructor(options: RateLimitOptions, clock: Clock = systemClock) {
    this.bucket = new TokenBucket(options.burst, options.requestsPerMinute / 60_000, clock);
  }

  /** Consumes a token for this request or throws `RateLimitedError`. */
  check(ctx: { tenant?: Tenant }): void {
    if (this.bucket.tryRemove()) return;
    metrics.rateLimited.inc({ tenant: ctx.tenant?.id ?? 'anonymous' });
    throw new RateLimitedError(Math.max(1, Math.ceil(this.bucket.msUntilAvailable() / 1000)));
  }
}
