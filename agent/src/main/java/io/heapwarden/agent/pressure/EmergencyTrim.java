package io.heapwarden.agent.pressure;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.Bounded;
import io.heapwarden.bootstrap.collections.Bounds;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.util.List;

/**
 * The immediate part of an emergency: every live thread-safe bounded collection and session store
 * is trimmed to its bound as it applies now (already scaled down by {@code
 * MemoryPressure.enterEmergency}). The others are left to shrink on their own next write.
 */
final class EmergencyTrim {
  /** What one trim did. */
  record Result(int collections, int sessions, long dropped, int deferred) {}

  private EmergencyTrim() {}

  /** Trims the live collections of {@code rules}; a collection that fails is skipped. */
  static Result run(List<Rule> rules) {
    int collections = 0;
    int sessions = 0;
    long dropped = 0;
    int deferred = 0;
    for (Rule rule : rules) {
      if (!rule.enabled()) {
        continue;
      }
      // Only thread-safe collections are held; the others are not ours to touch: they shrink on
      // the service's next write. Their number is counted (estimated beyond a sample).
      List<Object> threadSafe = LiveCollections.live(rule);
      deferred += (int) Math.max(0, LiveCollections.count(rule) - threadSafe.size());
      for (Object live : threadSafe) {
        if (!(live instanceof Bounded)) {
          continue;
        }
        Bounded bounded = (Bounded) live;
        long bound = boundOf(bounded.rule());
        if (bound == Long.MAX_VALUE) {
          continue;
        }
        int count;
        try {
          count = bounded.trimTo(bound);
        } catch (RuntimeException failed) {
          continue; // trimTo guards itself; this is belt and braces
        }
        if (isSession(bounded.rule())) {
          sessions++;
        } else {
          collections++;
        }
        dropped += count;
      }
    }
    return new Result(collections, sessions, dropped, deferred);
  }

  /** Entries the enabled rules' collections evicted so far, on their own writes. */
  static long evictions(List<Rule> rules) {
    long total = 0;
    for (Rule rule : rules) {
      if (rule.enabled()) {
        total += rule.total(Action.EVICTED);
      }
    }
    return total;
  }

  /**
   * The bound in force now: {@code max-sessions} for a session store, {@code max-entries} for a
   * collection, each scaled by the emergency; {@link Long#MAX_VALUE} when the rule sets none.
   */
  private static long boundOf(Rule rule) {
    if (!isSession(rule)) {
      return Bounds.maxEntries(rule);
    }
    long max = rule.limit(Limit.MAX_SESSIONS);
    return !rule.enabled() || max == Limit.UNSET ? Long.MAX_VALUE : MemoryPressure.scaled(max);
  }

  private static boolean isSession(Rule rule) {
    return rule.kind() == RuleKind.SESSION;
  }
}
