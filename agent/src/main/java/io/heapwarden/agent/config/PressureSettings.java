package io.heapwarden.agent.config;

import io.heapwarden.bootstrap.Limit;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code pressure:}: when memory counts as under pressure, and what the guard does when it is
 * critical. Ratios are fractions ({@code 0.75} for 75%). {@code containerLimit} is {@link
 * Limit#UNSET} when not configured; {@code heapDumpPath} is null when no heap dump is wanted,
 * {@code exitAfter} when the last resort is off (the default). The guard runs only when the file
 * has a {@code pressure:} section ({@code enabled}).
 */
public record PressureSettings(
    boolean enabled,
    double heapWarn,
    double heapCritical,
    double containerWarn,
    double containerCritical,
    long containerLimit,
    double trimTo,
    Duration idleTimeout,
    boolean gc,
    boolean trimNative,
    Duration minInterval,
    @Nullable String heapDumpPath,
    HeapDumpOn heapDumpOn,
    double trimFloor,
    @Nullable Duration exitAfter) {

  /** No {@code pressure:} section: the guard is off; the values are the documented defaults. */
  public static final PressureSettings OFF =
      new PressureSettings(
          false,
          0.75,
          0.90,
          0.80,
          0.90,
          Limit.UNSET,
          0.50,
          Duration.ofMinutes(1),
          true,
          true,
          Duration.ofSeconds(30),
          null,
          HeapDumpOn.CRITICAL,
          0.10,
          null);

  /** The level whose first arrival writes the heap dump. */
  public enum HeapDumpOn {
    WARN,
    CRITICAL
  }
}
