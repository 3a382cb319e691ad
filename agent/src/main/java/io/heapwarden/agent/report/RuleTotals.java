package io.heapwarden.agent.report;

import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What one rule did over a whole recording: its {@code heapwarden.RuleActivity} events summed. */
final class RuleTotals {
  /** The actions of {@code heapwarden.RuleActivity}, in the report's column order. */
  enum Action {
    EVICTED,
    TRIMMED,
    CREATED,
    REUSED,
    FAILED
  }

  final String rule;
  String kind = "?";

  /** The rule's bound and size in its latest event; -1 when it has none. */
  long bound = -1;

  long size = -1;
  long peakSize = -1;
  private final Map<Action, Long> counts = new EnumMap<>(Action.class);

  /** Counts of actions this report does not know (a newer agent's); kept so none is lost. */
  long otherCount;

  RuleTotals(String rule) {
    this.rule = rule;
  }

  void add(String kindName, String action, long count, long sizeNow, long boundNow) {
    kind = kindName;
    size = sizeNow;
    bound = boundNow;
    peakSize = Math.max(peakSize, sizeNow);
    Action known = action(action);
    if (known == null) {
      otherCount += count;
    } else {
      counts.merge(known, count, Long::sum);
    }
  }

  long count(Action action) {
    return counts.getOrDefault(action, 0L);
  }

  private static @Nullable Action action(String name) {
    for (Action action : Action.values()) {
      if (action.name().equals(name)) {
        return action;
      }
    }
    return null;
  }
}
