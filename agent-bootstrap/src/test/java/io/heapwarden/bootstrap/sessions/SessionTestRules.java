package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Session rules, and a clock the test moves by hand. */
final class SessionTestRules {
  private static final AtomicLong IDS = new AtomicLong(1000);

  private SessionTestRules() {}

  /** A session rule; -1 leaves a limit unset. Each call is a new rule with its own stats. */
  static Rule rule(long maxSessions, long idleSeconds, long window) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = maxSessions;
    limits[Limit.IDLE_TIMEOUT.ordinal()] =
        idleSeconds < 0 ? Limit.UNSET : TimeUnit.SECONDS.toNanos(idleSeconds);
    limits[Limit.WINDOW.ordinal()] = window;
    return new Rule(
        (int) IDS.incrementAndGet(), "com.example.Chat.histories", RuleKind.SESSION, limits);
  }

  static void set(Rule rule, Limit limit, long value) {
    long[] limits = rule.limits();
    limits[limit.ordinal()] = value;
    rule.updateLimits(limits);
  }

  /** Starts at an arbitrary point, as {@code System.nanoTime()} does. */
  static final class ManualClock implements LongSupplier {
    private final AtomicLong now = new AtomicLong(123_456_789L);

    @Override
    public long getAsLong() {
      return now.get();
    }

    void advanceSeconds(long seconds) {
      now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    void advanceNanos(long nanos) {
      now.addAndGet(nanos);
    }
  }
}
