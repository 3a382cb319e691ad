package io.heapwarden.agent.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory pressure guard's latest readings, for the gauges: plain volatile fields written by the
 * pressure thread on every check (no allocation) and read by Micrometer at scrape time. -1 means
 * unknown. It lives here, not in {@code agent.pressure}, because telemetry depends on none of the
 * packages that report to it.
 */
public final class PressureReadings {
  private static volatile int level;
  private static volatile long heapAfterGc = -1;
  private static volatile long heapMax = -1;
  private static volatile long workingSet = -1;
  private static volatile long limit = -1;
  private static volatile int boundPercent = 100;
  private static final AtomicLong escalations = new AtomicLong();
  private static final AtomicLong gcNudges = new AtomicLong();

  private PressureReadings() {}

  /** {@code now} is the level's severity: 0 normal, 1 warn, 2 critical. */
  public static void update(int now, long heapUsed, long heapLimit, long used, long max) {
    level = now;
    heapAfterGc = heapUsed;
    heapMax = heapLimit;
    workingSet = used;
    limit = max;
  }

  /** The pressure thread changed the bounds' share (escalations are the steps down). */
  public static void boundsScaled(int before, int after) {
    boundPercent = after;
    if (after < before && before < 100) {
      escalations.incrementAndGet();
    }
  }

  /** The agent ran a garbage collection (the guard's nudge, or {@code POST /cleanup}). */
  public static void gcNudged() {
    gcNudges.incrementAndGet();
  }

  /** Collections the agent ran since the start. */
  public static long gcNudges() {
    return gcNudges.get();
  }

  /** The share of their bound that bounded collections keep now, in percent. */
  public static int boundPercent() {
    return boundPercent;
  }

  /** Steps down below {@code trim-to} since the start. */
  public static long escalations() {
    return escalations.get();
  }

  /** 0 normal, 1 warn, 2 critical. */
  public static int level() {
    return level;
  }

  /** Bytes of the long-lived heap in use after the last collection. */
  public static long heapAfterGc() {
    return heapAfterGc;
  }

  /** The long-lived heap's maximum, in bytes. */
  public static long heapMax() {
    return heapMax;
  }

  /** The working set (or RSS) measured against the container limit, in bytes. */
  public static long workingSet() {
    return workingSet;
  }

  /** The container limit in force, in bytes. */
  public static long limit() {
    return limit;
  }
}
