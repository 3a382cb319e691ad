package io.heapwarden.agent.pressure;

import org.jspecify.annotations.Nullable;

/** Where the guard reports what it sees and does (the agent's telemetry; a recorder in tests). */
interface PressureEvents {
  /** The level changed; {@code cause} names the measures at the new level. */
  void levelChanged(
      PressureLevel level,
      PressureLevel previous,
      String cause,
      long heapUsed,
      long heapMax,
      long workingSet,
      long limit,
      long rss);

  void gcNudged(GcNudge.Result result);

  void emergencyTrimmed(EmergencyTrim.Result result);

  /**
   * The share of their bound that bounded collections keep changed from {@code before} to {@code
   * after} percent (100: no emergency); {@code bounds} lists ruled bounds before and after.
   */
  void boundsScaled(
      int before, int after, String reason, String bounds, long heapUsed, long heapMax);

  /** The last resort: the one line before the guard stops the JVM. */
  void exiting(String message);

  /** A one-off line for the log: container watching on or off, a heap dump, a guard failure. */
  void note(boolean warning, String message, @Nullable Throwable failure);
}
