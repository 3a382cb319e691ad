package io.heapwarden.agent.endpoints;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} calls at once, then one more per {@code intervalNanos}. Used
 * twice by {@code /cleanup}: accepted cleanups (a burst of one, {@code admin.cleanup-interval}
 * apart) and failed authentications (so that guessing the token is slow).
 */
final class CallLimiter {
  private final long intervalNanos;
  private final int burst;
  private final LongSupplier clock;
  private double tokens; // guarded by this
  private long last; // guarded by this

  CallLimiter(long intervalNanos, int burst, LongSupplier clock) {
    if (intervalNanos <= 0 || burst <= 0) {
      throw new IllegalArgumentException("interval " + intervalNanos + ", burst " + burst);
    }
    this.intervalNanos = intervalNanos;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.getAsLong();
  }

  /** Takes one call if the bucket has one; false: refuse it (429). */
  synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whether a call would be taken now, without taking it. */
  synchronized boolean available() {
    refill();
    return tokens >= 1;
  }

  /** Whole seconds until the next call is taken, at least 1 (a 429's {@code Retry-After}). */
  synchronized long retryAfterSeconds() {
    refill();
    double missing = Math.max(0, 1 - tokens);
    long nanos = (long) (missing * intervalNanos); // rounded up to whole seconds below
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private void refill() {
    long now = clock.getAsLong();
    long elapsed = now - last;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + (double) elapsed / intervalNanos);
      last = now;
    }
  }
}
