package io.heapwarden.agent.pressure;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.util.List;

/** The ruled bounds an escalation step changes, for its log line and event. */
final class ScaledBounds {
  static final int LISTED = 5;

  private ScaledBounds() {}

  /**
   * Up to {@link #LISTED} rules' bounds at {@code before} and {@code after} percent ({@code
   * test.Cache.entries 75000 -> 37500}): {@code max-entries}, or {@code max-sessions} for a session
   * rule.
   */
  static String describe(List<Rule> rules, int before, int after) {
    StringBuilder out = new StringBuilder();
    int listed = 0;
    int more = 0;
    for (Rule rule : rules) {
      Limit limit = rule.kind() == RuleKind.SESSION ? Limit.MAX_SESSIONS : Limit.MAX_ENTRIES;
      long max = rule.limit(limit);
      if (!rule.enabled() || max == Limit.UNSET) {
        continue;
      }
      if (listed == LISTED) {
        more++;
        continue;
      }
      out.append(listed++ == 0 ? "" : ", ")
          .append(rule.name())
          .append(' ')
          .append(MemoryPressure.scaled(max, before))
          .append(" -> ")
          .append(MemoryPressure.scaled(max, after));
    }
    if (more > 0) {
      out.append(" and ").append(more).append(" more");
    }
    return listed == 0 ? "no ruled bounds" : out.toString();
  }
}
