import { describe, it, expect } from 'vitest';
import { RateLimiter, TokenBucket } from '../src/api/middleware/rateLimit';
import { ManualClock } from '../src/utils/clock';
import { RateLimitedError } from '../src/utils/errors';

describe('TokenBucket', () => {
  it('allows a burst up to capacity then refills over time', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(3, 1 / 1000, clock);
    expect([bucket.tryRemove(), bucket.tryRemove(), bucket.tryRemove(), bucket.tryRemove()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilAvailable()).toBe(1000);
    clock.advance(1000);
    expect(bucket.tryRemove()).toBe(true);
  });

  it('never exceeds capacity', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket(2, 1, clock);
    clock.advance(60_000);
    expect(bucket.available()).toBe(2);
  });
});

describe('RateLimiter', () => {
  it('throws RateLimitedError with a retry-after hint when exhausted', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 }, clock);
    limiter.check({});
    try {
      limiter.check({});
      expect.unreachable('second request should be limited');
    } catch (err) {
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterSeconds).toBe(1);
    }
  });
});
