package io.heapwarden.agent.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a config with one {@code collections:} rule per suspect field. The bound is what one
 * collection of the field held when it was reported, doubled for headroom and rounded up to 1, 2 or
 * 5 times a power of ten (at least {@link #MIN_BOUND}): a leak is reported early in its growth, so
 * this is near the size the service worked with before it leaked. Each rule carries a comment with
 * the evidence. A field reported twice (several recordings, a restart) takes its last report.
 */
final class RuleSuggester {
  static final long MIN_BOUND = 100;

  private RuleSuggester() {}

  static String yaml(String source, List<Suspect> suspects) {
    Map<String, Suspect> byField = new LinkedHashMap<>();
    for (Suspect suspect : suspects) {
      byField.remove(suspect.field());
      byField.put(suspect.field(), suspect);
    }
    StringBuilder out = new StringBuilder();
    out.append("# Suggested by heapwarden suggest from ")
        .append(source)
        .append(": ")
        .append(byField.size())
        .append(byField.size() == 1 ? " field" : " fields")
        .append(" that kept growing.\n")
        .append("# Review each bound: it is derived from the sizes seen when growth was found.\n")
        .append("collections:\n");
    for (Suspect suspect : byField.values()) {
      out.append("  # ").append(why(suspect)).append('\n');
      out.append("  - field: ").append(suspect.field()).append('\n');
      out.append("    max-entries: ").append(bound(suspect)).append('\n');
    }
    return out.toString();
  }

  /** Double the size per collection, rounded up to 1, 2 or 5 times a power of ten. */
  static long bound(Suspect suspect) {
    long perCollection =
        (suspect.count() + suspect.instances() - 1) / Math.max(1, suspect.instances());
    long wanted = Math.max(MIN_BOUND, 2 * perCollection);
    for (long power = 1; power <= Long.MAX_VALUE / 10; power *= 10) {
      for (long step : new long[] {1, 2, 5}) {
        if (step * power >= wanted) {
          return step * power;
        }
      }
    }
    return wanted;
  }

  private static String why(Suspect suspect) {
    return String.format(
        Locale.ROOT,
        "%s (%s) grew by %.1f a minute over %ds: %d elements in %d collection%s%s",
        suspect.field(),
        suspect.type(),
        suspect.perMinute(),
        suspect.window().toSeconds(),
        suspect.count(),
        suspect.instances(),
        suspect.instances() == 1 ? "" : "s",
        suspect.bytes() < 0 ? "" : ", about " + Units.bytes(suspect.bytes()));
  }
}
