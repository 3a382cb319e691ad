package io.heapwarden.agent.telemetry.micrometer;

import io.heapwarden.agent.telemetry.PressureReadings;
import java.util.function.ToDoubleFunction;

/** The memory pressure guard's gauges, read from {@link PressureReadings} at scrape time. */
final class PressureGauges {
  private static final int LEVEL = 0;
  private static final int HEAP_AFTER_GC = 1;
  private static final int WORKING_SET = 2;
  private static final int LIMIT = 3;
  private static final int BOUND_PERCENT = 4;
  private static final int ESCALATIONS = 5;
  private static final int GC_NUDGES = 6;
  private static final int HEAP_MAX = 7;

  private PressureGauges() {}

  /** Registers the gauges with {@code state} (the bridge) as their owner; returns how many. */
  static int register(MicrometerBridge.Registrar registrar, Object state)
      throws ReflectiveOperationException {
    registrar.gauge(
        "heapwarden.pressure.level",
        state,
        new Reading(LEVEL),
        "Heapwarden memory pressure level: 0 normal, 1 warn, 2 critical",
        "level");
    registrar.gauge(
        "heapwarden.pressure.heap.after.gc",
        state,
        new Reading(HEAP_AFTER_GC),
        "Long-lived heap in use after the last collection; -1 before the first",
        "bytes");
    registrar.gauge(
        "heapwarden.pressure.heap.max",
        state,
        new Reading(HEAP_MAX),
        "The long-lived heap's maximum; -1 before the guard's first reading",
        "bytes");
    registrar.gauge(
        "heapwarden.pressure.working.set",
        state,
        new Reading(WORKING_SET),
        "Memory measured against the container limit (cgroup working set or process RSS); -1"
            + " when the container is not watched",
        "bytes");
    registrar.gauge(
        "heapwarden.pressure.limit",
        state,
        new Reading(LIMIT),
        "The container memory limit in force; -1 when there is none",
        "bytes");
    registrar.gauge(
        "heapwarden.pressure.bound.percent",
        state,
        new Reading(BOUND_PERCENT),
        "The share of their configured bound that bounded collections keep now: 100 outside an"
            + " emergency",
        "percent");
    registrar.counter(
        "heapwarden.pressure.escalations",
        state,
        new Reading(ESCALATIONS),
        "Times the guard lowered the bounds further because pressure stayed critical after a trim"
            + " and a collection",
        "steps");
    registrar.counter(
        "heapwarden.pressure.gc.nudges",
        state,
        new Reading(GC_NUDGES),
        "Garbage collections Heapwarden ran: the guard's nudges and POST /cleanup",
        "nudges");
    return 8;
  }

  private static final class Reading implements ToDoubleFunction<Object> {
    private final int which;

    Reading(int which) {
      this.which = which;
    }

    @Override
    public double applyAsDouble(Object ignored) {
      switch (which) {
        case LEVEL:
          return PressureReadings.level();
        case HEAP_AFTER_GC:
          return PressureReadings.heapAfterGc();
        case WORKING_SET:
          return PressureReadings.workingSet();
        case BOUND_PERCENT:
          return PressureReadings.boundPercent();
        case ESCALATIONS:
          return PressureReadings.escalations();
        case GC_NUDGES:
          return PressureReadings.gcNudges();
        case HEAP_MAX:
          return PressureReadings.heapMax();
        default:
          return PressureReadings.limit();
      }
    }
  }
}
