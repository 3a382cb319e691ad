package io.heapwarden.agent.pressure;

import java.util.concurrent.TimeUnit;

/**
 * The share of their configured bound that bounded collections keep, over an emergency: {@code
 * trim-to} when pressure becomes critical; halved, down to {@code trim-floor}, each time pressure
 * is still critical after a trim and a collection; doubled back step by step, up to {@code trim-to}
 * and then the whole bound, once pressure is normal again (each step after {@code min-interval} of
 * normal pressure: the hysteresis that keeps a service from refilling straight back to critical).
 * Decisions only, no side effects; the pressure thread owns it (not thread-safe), and every time is
 * the caller's clock.
 */
final class Escalation {
  /** No emergency: bounds are the configured ones. */
  static final int NONE = 100;

  /**
   * How long after a change the next collection must start before its reading counts against the
   * new share: the service's own writes shrink its collections in that time.
   */
  static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** A ratio of the config ({@code trim-to: 25%}) as a share in percent, 1 to 100. */
  static int percent(double ratio) {
    return (int) Math.max(1, Math.min(NONE, Math.round(ratio * 100)));
  }

  /** The lowest share escalation goes to: {@code trim-floor}, never above {@code trim-to}. */
  static int floor(double trimFloor, double trimTo) {
    return Math.min(percent(trimFloor), percent(trimTo));
  }

  private int percent = NONE;
  private long changedAt;
  private long criticalAtFloorSince = -1;

  /** The share in force, in percent; {@link #NONE} outside an emergency. */
  int percent() {
    return percent;
  }

  boolean active() {
    return percent < NONE;
  }

  /** When the share last changed (the caller's clock). */
  long changedAt() {
    return changedAt;
  }

  /** Pressure became critical: the share drops to {@code trimTo} (unless it is lower already). */
  int start(int trimTo, long now) {
    if (percent > trimTo) {
      change(trimTo, now);
    }
    return percent;
  }

  /**
   * Whether a collection that ended at {@code collectedAt} is one that judges the current share: it
   * came at least {@link #SETTLE_NANOS} after the share changed.
   */
  boolean judges(long collectedAt) {
    return active() && collectedAt - changedAt >= SETTLE_NANOS;
  }

  /** Whether the share can still go down, and the settle time since the last change is over. */
  boolean mayLower(int floor, long now) {
    return active() && percent > floor && now - changedAt >= SETTLE_NANOS;
  }

  /**
   * Still critical after a collection that judged the share: half of it, not below {@code floor}.
   * Returns the share now.
   */
  int lower(int floor, long now) {
    int next = Math.max(floor, percent / 2);
    if (next < percent) {
      change(next, now);
    }
    return percent;
  }

  /**
   * Normal since {@code normalSince}: the next step up, if one is due, back up the steps taken down
   * ({@code floor}, ..., {@code trimTo / 2}, {@code trimTo}) and from {@code trimTo} the end of the
   * emergency. An emergency that never went below {@code trimTo} ends at once; after an escalation,
   * each step waits for {@code holdNanos} of normal pressure since the later of the previous change
   * and {@code normalSince}. Returns the share now.
   */
  int raise(int trimTo, int floor, long holdNanos, long normalSince, long now) {
    if (!active()) {
      return percent;
    }
    if (now - Math.max(changedAt, normalSince) < holdNanos) {
      return percent;
    }
    change(percent >= trimTo ? NONE : stepAbove(trimTo, floor), now);
    return percent;
  }

  /** The step above the current share on the way down from {@code trimTo} by halves. */
  private int stepAbove(int trimTo, int floor) {
    int step = trimTo;
    int below = Math.max(floor, step / 2);
    while (below > percent && below < step) {
      step = below;
      below = Math.max(floor, step / 2);
    }
    return step;
  }

  /**
   * Tracks how long pressure has been critical with the share at {@code floor}: returns that
   * duration in nanoseconds (0 when not at the floor, or not critical at this {@code now}).
   */
  long criticalAtFloor(boolean critical, int floor, long now) {
    if (!critical || !active() || percent > floor) {
      criticalAtFloorSince = -1;
      return 0;
    }
    if (criticalAtFloorSince < 0) {
      criticalAtFloorSince = now;
    }
    return now - criticalAtFloorSince;
  }

  /** Ends the emergency at once (the guard turned off by a reload). */
  void reset() {
    percent = NONE;
    criticalAtFloorSince = -1;
  }

  private void change(int next, long now) {
    percent = next;
    changedAt = now;
  }
}
