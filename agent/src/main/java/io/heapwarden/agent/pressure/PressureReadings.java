package io.heapwarden.agent.pressure;

/**
 * The guard's latest readings, for the gauges: plain volatile fields written by the pressure thread
 * on every check (no allocation) and read by Micrometer at scrape time. -1 means unknown.
 */
public final class PressureReadings {
  private static volatile int level;
  private static volatile long heapAfterGc = -1;
  private static volatile long heapMax = -1;
  private static volatile long workingSet = -1;
  private static volatile long limit = -1;
  private static volatile int boundPercent = 100;
  private static volatile long escalations;

  private PressureReadings() {}

  static void update(PressureLevel now, long heapUsed, long heapLimit, long used, long max) {
    level = now.ordinal();
    heapAfterGc = heapUsed;
    heapMax = heapLimit;
    workingSet = used;
    limit = max;
  }

  /** The pressure thread changed the bounds' share (escalations are the steps down). */
  static void boundsScaled(int before, int after) {
    boundPercent = after;
    if (after < before && before < 100) {
      escalations++; // one writer: the pressure thread
    }
  }

  /** The share of their bound that bounded collections keep now, in percent. */
  public static int boundPercent() {
    return boundPercent;
  }

  /** Steps down below {@code trim-to} since the start. */
  public static long escalations() {
    return escalations;
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
