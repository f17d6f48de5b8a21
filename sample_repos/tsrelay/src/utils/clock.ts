/**
 * Clock abstraction.
 *
 * Time-dependent code (retry scheduling, rate limiting, signature timestamp
 * tolerance) takes a `Clock` instead of calling `Date.now()` directly so tests
 * can drive time deterministically with `ManualClock`.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time have elapsed. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Waiter {
  wakeAt: number;
  resolve: () => void;
}

/** A clock that only moves when `advance()` is called. Intended for tests. */
export class ManualClock implements Clock {
  private current: number;
  private waiters: Waiter[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ wakeAt: this.current + ms, resolve });
    });
  }

  /** Moves time forward and wakes every sleeper whose deadline has passed. */
  advance(ms: number): void {
    this.current += ms;
    const due = this.waiters.filter((w) => w.wakeAt <= this.current);
    this.waiters = this.waiters.filter((w) => w.wakeAt > this.current);
    for (const waiter of due) waiter.resolve();
  }

  set(ms: number): void {
    this.advance(Math.max(0, ms - this.current));
  }
}

/** Formats epoch milliseconds as an ISO-8601 string. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole seconds since the epoch, as used in signature timestamps. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
