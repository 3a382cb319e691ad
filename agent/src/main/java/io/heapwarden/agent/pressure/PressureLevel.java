package io.heapwarden.agent.pressure;

/** How much memory pressure there is, from none; the order is the severity. */
public enum PressureLevel {
  NORMAL,
  WARN,
  CRITICAL;

  /** The more severe of two levels. */
  static PressureLevel max(PressureLevel a, PressureLevel b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
