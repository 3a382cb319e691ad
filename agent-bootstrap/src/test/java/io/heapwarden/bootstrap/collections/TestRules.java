package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;

/** Rules for the collection tests. */
final class TestRules {
  /** A bound far above the sizes Guava's conformance suites use, so they never see an eviction. */
  static final long ROOMY = 1000;

  private TestRules() {}

  static Rule maxEntries(long max) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = max;
    return new Rule(0, "com.example.Service.history", RuleKind.COLLECTION, limits);
  }

  static Rule maxBytes(long maxBytes) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_BYTES.ordinal()] = maxBytes;
    return new Rule(0, "com.example.Service.history", RuleKind.COLLECTION, limits);
  }

  static void setMaxBytes(Rule rule, long maxBytes) {
    long[] limits = rule.limits();
    limits[Limit.MAX_BYTES.ordinal()] = maxBytes;
    rule.updateLimits(limits);
  }

  static void setMaxEntries(Rule rule, long max) {
    long[] limits = rule.limits();
    limits[Limit.MAX_ENTRIES.ordinal()] = max;
    rule.updateLimits(limits);
  }
}
