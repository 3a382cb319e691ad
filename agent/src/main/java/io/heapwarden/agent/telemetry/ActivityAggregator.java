package io.heapwarden.agent.telemetry;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rules' running totals into per-interval deltas. The hooks only ever add to the rules'
 * counters; this reads them once per tick, so the service's operations never pay for telemetry.
 */
final class ActivityAggregator {
  private static final Action[] ACTIONS = Action.values();

  private final IdentityHashMap<Rule, long[]> previous = new IdentityHashMap<>();
  private long lastTick;

  ActivityAggregator(long now) {
    this.lastTick = now;
  }

  /**
   * The activity since the previous tick (since the rule was installed, at a rule's first tick), or
   * {@code null} when no counter moved.
   */
  synchronized @Nullable ActivityReport tick(List<Rule> rules, long now) {
    Duration interval = Duration.ofNanos(Math.max(0L, now - lastTick));
    lastTick = now;
    List<ActivityReport.Delta> deltas = null;
    for (Rule rule : rules) {
      if (rule == null) {
        continue;
      }
      long[] seen = previous.get(rule);
      if (seen == null) {
        seen = new long[ACTIONS.length];
        previous.put(rule, seen);
      }
      for (Action action : ACTIONS) {
        int i = action.ordinal();
        long total = rule.total(action);
        long delta = total - seen[i];
        if (delta > 0) {
          seen[i] = total;
          if (deltas == null) {
            deltas = new ArrayList<>();
          }
          deltas.add(new ActivityReport.Delta(rule, action, delta));
        }
      }
    }
    return deltas == null ? null : new ActivityReport(interval, deltas);
  }
}
