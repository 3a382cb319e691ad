package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;

/**
 * How a session map reads its rule's live limits, with the pressure guard's emergency applied: caps
 * scaled down, idle timeouts shortened. {@link Long#MAX_VALUE} (or -1 for the window) when the rule
 * sets none or is disabled, so a disabled rule leaves the map to grow as before.
 */
final class SessionLimits {
  private SessionLimits() {}

  /** The configured cap, unscaled. */
  static long configuredMax(Rule rule) {
    long max = rule.limit(Limit.MAX_SESSIONS);
    return max == Limit.UNSET || !rule.enabled() ? Long.MAX_VALUE : max;
  }

  /** The cap in force now: the configured one, scaled down during an emergency. */
  static long maxSessions(Rule rule) {
    long max = configuredMax(rule);
    return max == Long.MAX_VALUE ? max : MemoryPressure.scaled(max);
  }

  /** The configured idle timeout in nanoseconds, or {@link Long#MAX_VALUE}. */
  static long configuredIdle(Rule rule) {
    long idle = rule.limit(Limit.IDLE_TIMEOUT);
    return idle == Limit.UNSET || !rule.enabled() ? Long.MAX_VALUE : idle;
  }

  /** The idle timeout in force now: the shorter of the configured and the emergency one. */
  static long idleNanos(Rule rule) {
    if (!rule.enabled()) {
      return Long.MAX_VALUE;
    }
    return Math.min(configuredIdle(rule), MemoryPressure.idleTimeoutNanos());
  }

  /** Entries each session's value keeps, or -1 when the rule sets no window. */
  static int window(Rule rule) {
    long window = rule.limit(Limit.WINDOW);
    return window == Limit.UNSET || !rule.enabled()
        ? -1
        : (int) Math.min(window, Integer.MAX_VALUE);
  }

  /** Why a session idle for {@code idle} nanoseconds goes: idle, or only because of pressure. */
  static EvictionReason idleReason(Rule rule, long idle) {
    return idle >= configuredIdle(rule) ? EvictionReason.IDLE : EvictionReason.PRESSURE;
  }

  /** Why a map of {@code size} sessions loses one: over its configured cap, or only pressure. */
  static EvictionReason capacityReason(Rule rule, long size) {
    return size > configuredMax(rule) ? EvictionReason.CAPACITY : EvictionReason.PRESSURE;
  }
}
