package io.heapwarden.agent.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report writes sizes, durations and times: -1 (not measured) as "-". */
final class Units {
  private static final double MIB = 1024.0 * 1024.0;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Units() {}

  static String bytes(long bytes) {
    if (bytes < 0) {
      return "-";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
  }

  static String nanos(long nanos) {
    if (nanos < 0) {
      return "-";
    }
    if (nanos < 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    if (nanos < 120_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
    return String.format(Locale.ROOT, "%.1f min", nanos / 60e9);
  }

  /** Time since the recording's first event, e.g. {@code +12.3 s}. */
  static String offset(Instant start, Instant time) {
    return "+" + nanos(Math.max(0, Duration.between(start, time).toNanos()));
  }

  /** A wall-clock time to the second, in UTC: {@code 2026-12-04 18:33:06 UTC}. */
  static String time(Instant instant) {
    return TIME.format(instant) + " UTC";
  }

  static String count(long value) {
    return value < 0 ? "-" : Long.toString(value);
  }

  static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
