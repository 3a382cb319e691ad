package io.heapwarden.agent.config;

import java.time.Duration;

/**
 * How the agent reports: the aggregation interval, which sinks are on, and whether the status MBean
 * is registered.
 */
public record TelemetrySettings(Duration interval, boolean jfr, boolean micrometer, boolean mbean) {
  public static final TelemetrySettings DEFAULTS =
      new TelemetrySettings(Duration.ofSeconds(10), true, true, true);
}
