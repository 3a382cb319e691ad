package io.heapwarden.agent.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong();

  @Test
  void aBurstThenOnePerInterval() {
    CallLimiter limiter = new CallLimiter(2 * SECOND, 3, now::get);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
    assertThat(limiter.retryAfterSeconds()).isEqualTo(2);
    now.addAndGet(SECOND);
    assertThat(limiter.available()).isFalse();
    assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    now.addAndGet(SECOND);
    assertThat(limiter.available()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void aLongPauseRefillsOnlyUpToTheBurst() {
    CallLimiter limiter = new CallLimiter(SECOND, 2, now::get);
    limiter.tryAcquire();
    limiter.tryAcquire();

    now.addAndGet(3600 * SECOND);

    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void aClockThatGoesBackRefillsNothing() {
    CallLimiter limiter = new CallLimiter(SECOND, 1, now::get);
    limiter.tryAcquire();

    now.addAndGet(-10 * SECOND);

    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new CallLimiter(0, 1, now::get))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CallLimiter(SECOND, 0, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
