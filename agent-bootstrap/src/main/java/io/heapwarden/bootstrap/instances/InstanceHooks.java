package io.heapwarden.bootstrap.instances;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.Signals;

/**
 * What rewritten constructors of a class named by an {@code instances:} rule call just before they
 * return: the new instance is counted as live until the collector clears it. Over the rule's
 * max-live, the agent is told (at most once a second per rule), on the constructing thread, so that
 * its event carries the allocation stack of the newest instance.
 */
public final class InstanceHooks {
  /** At most one report per rule and this many nanoseconds. */
  static final long REPORT_EVERY_NANOS = 1_000_000_000L;

  private InstanceHooks() {}

  public static void constructed(Object instance, int ruleId) {
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled() || instance == null) {
      return;
    }
    try {
      LiveInstances live = LiveInstances.of(rule);
      long count = live.add(instance);
      long limit = rule.limit(Limit.MAX_LIVE);
      if (limit != Limit.UNSET && count > limit && live.mayReport(REPORT_EVERY_NANOS)) {
        Signals.tooManyLive(rule, count, limit, instance.getClass().getName());
      }
    } catch (Throwable failure) {
      rule.fail(failure);
    }
  }

  /** Instances of the rule's class alive now, as far as the collector has told (tests, gauges). */
  public static long live(Rule rule) {
    return LiveInstances.of(rule).count();
  }
}
