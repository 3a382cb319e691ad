package io.heapwarden.agent.pressure;

/**
 * One measure's level with hysteresis: a level is entered as soon as its threshold is reached, and
 * left only once usage is a margin below it, so a measure hovering at a threshold does not flap.
 * Not thread-safe: the pressure thread owns it.
 */
final class LevelTracker {
  /** How far below a threshold usage must fall to leave its level: 5 points of the whole. */
  static final double MARGIN = 0.05;

  private PressureLevel level = PressureLevel.NORMAL;

  /**
   * The level after a reading of {@code used} (a fraction of the whole; negative when unknown,
   * which keeps the level).
   */
  PressureLevel update(double used, double warn, double critical) {
    if (used < 0) {
      return level;
    }
    double belowCritical = critical - Math.min(MARGIN, (critical - warn) / 2);
    double belowWarn = warn - Math.min(MARGIN, warn / 2);
    if (used >= critical) {
      level = PressureLevel.CRITICAL;
    } else if (used >= warn) {
      if (level == PressureLevel.NORMAL || used < belowCritical) {
        level = PressureLevel.WARN;
      }
    } else if (used < belowWarn) {
      level = PressureLevel.NORMAL;
    } else if (level == PressureLevel.CRITICAL) {
      level = PressureLevel.WARN; // below warn, within its margin
    }
    return level;
  }

  PressureLevel level() {
    return level;
  }

  void reset() {
    level = PressureLevel.NORMAL;
  }
}
