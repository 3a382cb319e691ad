package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;

/** A collection rule as the agent would install it, for benchmarks that use the bounded types. */
final class Rules {
  private Rules() {}

  static Rule maxEntries(long maxEntries) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = maxEntries;
    return new Rule(0, "benchmark", RuleKind.COLLECTION, limits);
  }

  /** A rule with both limits, so that {@code max-bytes} sampling and estimates run. */
  static Rule maxEntriesAndBytes(long maxEntries, long maxBytes) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = maxEntries;
    limits[Limit.MAX_BYTES.ordinal()] = maxBytes;
    return new Rule(0, "benchmark", RuleKind.COLLECTION, limits);
  }
}
