package io.heapwarden.bootstrap.pressure;

/**
 * The emergency state the agent's pressure guard sets while memory is critical, read by every
 * bounded collection and session store on its own next write: bounds shrink to a share of their
 * configured value, and sessions expire after a shorter idle time. Outside an emergency the bounds
 * are exactly the configured ones. Two volatile reads; no allocation.
 */
public final class MemoryPressure {
  /** No emergency: bounds at 100% of their configured value, no idle-timeout override. */
  public static final long NO_IDLE_OVERRIDE = Long.MAX_VALUE;

  private static volatile int boundPercent = 100;
  private static volatile long idleTimeoutNanos = NO_IDLE_OVERRIDE;

  private MemoryPressure() {}

  /** {@code bound} as it applies now: scaled down during an emergency, never below 0. */
  public static long scaled(long bound) {
    return scaled(bound, boundPercent);
  }

  /** {@code bound} at {@code percent} of its value (for the agent's log of an escalation step). */
  public static long scaled(long bound, int percent) {
    if (percent >= 100 || bound == Long.MAX_VALUE || bound <= 0) {
      return bound;
    }
    return bound / 100 * percent + bound % 100 * percent / 100;
  }

  /** The share of each configured bound that applies now, in percent (100 outside emergencies). */
  public static int boundPercent() {
    return boundPercent;
  }

  /**
   * The idle timeout sessions get during an emergency, in nanoseconds, or {@link
   * #NO_IDLE_OVERRIDE}. A session store applies the shorter of this and its own timeout.
   */
  public static long idleTimeoutNanos() {
    return idleTimeoutNanos;
  }

  /**
   * Starts an emergency: bounds at {@code percent} of their value, sessions idle at most so long.
   */
  public static void enterEmergency(int percent, long idleNanos) {
    if (percent < 0 || percent > 100 || idleNanos <= 0) {
      throw new IllegalArgumentException("percent " + percent + ", idle " + idleNanos);
    }
    idleTimeoutNanos = idleNanos;
    boundPercent = percent;
  }

  /** Ends the emergency: configured bounds and idle timeouts apply again. */
  public static void endEmergency() {
    boundPercent = 100;
    idleTimeoutNanos = NO_IDLE_OVERRIDE;
  }
}
