package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.SessionStats;
import java.util.concurrent.TimeUnit;

/**
 * A {@code servlet} preset rule of the rule table, its limits read live at every use, with the
 * pressure guard's emergency applied as for every session rule: the cap scaled down, the idle
 * timeout shortened.
 */
final class LiveServletRule implements ServletRule {
  private final Rule rule;

  LiveServletRule(Rule rule) {
    this.rule = rule;
  }

  @Override
  public long maxSessions() {
    long max = rule.limit(Limit.MAX_SESSIONS);
    return max == Limit.UNSET ? UNSET : MemoryPressure.scaled(max);
  }

  @Override
  public long idleTimeoutMillis() {
    return millis(rule.limit(Limit.IDLE_TIMEOUT));
  }

  @Override
  public long evictIdleAfterMillis() {
    long configured = rule.limit(Limit.IDLE_TIMEOUT);
    long emergency = MemoryPressure.idleTimeoutNanos();
    if (emergency == MemoryPressure.NO_IDLE_OVERRIDE) {
      return millis(configured);
    }
    return millis(configured == Limit.UNSET ? emergency : Math.min(configured, emergency));
  }

  @Override
  public long window() {
    return rule.limit(Limit.WINDOW);
  }

  @Override
  public boolean enabled() {
    return rule.enabled();
  }

  /** Counted with every session rule's: heapwarden.session.evictions, the eviction JFR events. */
  @Override
  public void evicted(EvictionReason seen, long size, long ageMillis, long idleMillis) {
    SessionStats.of(rule)
        .evicted(
            reason(seen, size, idleMillis),
            TimeUnit.MILLISECONDS.toNanos(ageMillis),
            TimeUnit.MILLISECONDS.toNanos(idleMillis),
            0, // container sessions are not estimated
            false);
  }

  /** Why the session went: its reason, or pressure when the configured limits alone would not. */
  EvictionReason reason(EvictionReason seen, long size, long idleMillis) {
    if (seen == EvictionReason.CAPACITY) {
      long max = rule.limit(Limit.MAX_SESSIONS);
      return max != Limit.UNSET && size > max ? seen : EvictionReason.PRESSURE;
    }
    long idle = idleTimeoutMillis();
    return idle != UNSET && idleMillis >= idle ? seen : EvictionReason.PRESSURE;
  }

  @Override
  public void fail(Throwable failure) {
    rule.fail(failure);
  }

  private static long millis(long nanos) {
    return nanos == Limit.UNSET ? UNSET : Math.max(1, nanos / 1_000_000);
  }
}
