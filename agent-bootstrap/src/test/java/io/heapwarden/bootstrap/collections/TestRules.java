package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;

final class TestRules {
  private TestRules() {}

  static Rule maxEntries(long max) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = max;
    return new Rule(0, "com.example.Cache.entries", RuleKind.COLLECTION, limits);
  }

  static void setMaxEntries(Rule rule, long max) {
    long[] limits = rule.limits();
    limits[Limit.MAX_ENTRIES.ordinal()] = max;
    rule.updateLimits(limits);
  }
}
