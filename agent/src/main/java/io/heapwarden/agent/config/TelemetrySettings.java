package io.heapwarden.agent.config;

import java.time.Duration;

/** How the agent reports: the aggregation interval, and which sinks are on. */
public record TelemetrySettings(Duration interval, boolean jfr, boolean micrometer) {
  public static final TelemetrySettings DEFAULTS =
      new TelemetrySettings(Duration.ofSeconds(10), true, true);
}
