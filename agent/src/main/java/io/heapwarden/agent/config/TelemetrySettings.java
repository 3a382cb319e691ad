package io.heapwarden.agent.config;

import java.time.Duration;

/**
 * How the agent reports: the aggregation interval, which sinks are on, whether the status MBean is
 * registered, and when rules whose class has not loaded are reported ({@link Duration#ZERO}:
 * never).
 */
public record TelemetrySettings(
    Duration interval, boolean jfr, boolean micrometer, boolean mbean, Duration notMatchedAfter) {
  public static final TelemetrySettings DEFAULTS =
      new TelemetrySettings(Duration.ofSeconds(10), true, true, true, Duration.ofMinutes(1));
}
