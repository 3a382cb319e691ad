package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import io.heapwarden.bootstrap.size.SizeEstimator;

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

  /**
   * Entries {@code value} keeps when it is written: the rule's window, narrowed so that the value's
   * estimated retained size fits {@code max-bytes-per-session} (at the value's average bytes per
   * entry, never below one entry: the newest message stays). -1 when the rule sets neither. The
   * estimate walks the value (bounded, see {@link SizeEstimator}), so it is made on writes only,
   * and only when the rule sets a byte budget.
   */
  static int window(Rule rule, Object value) {
    int window = window(rule);
    long maxBytes = rule.limit(Limit.MAX_BYTES_PER_SESSION);
    if (maxBytes == Limit.UNSET || !rule.enabled()) {
      return window;
    }
    int entries = SessionWindows.entries(value);
    if (entries <= 1 || (window >= 0 && window <= 1)) {
      return window;
    }
    long bytes = SizeEstimator.estimate(value);
    if (bytes <= maxBytes) {
      return window;
    }
    long perEntry = Math.max(1, bytes / entries);
    int fit = (int) Math.max(1, Math.min(entries - 1, maxBytes / perEntry));
    return window < 0 ? fit : Math.min(window, fit);
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
