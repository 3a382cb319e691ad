package io.heapwarden.bootstrap;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules in force, indexed by id. Rewritten code refers to a rule by its id (a constant in the
 * rewritten bytecode), so ids are stable for the life of the JVM: a reload changes limits, never
 * ids.
 */
public final class RuleTable {
  private static volatile Rule[] rules = new Rule[0];

  private RuleTable() {}

  /** Installs the rules of the first config; ids must be 0..n-1 in order. */
  public static synchronized void install(List<Rule> newRules) {
    Rule[] table = newRules.toArray(new Rule[0]);
    for (int i = 0; i < table.length; i++) {
      if (table[i].id() != i) {
        throw new IllegalArgumentException("rule ids must be 0.." + (table.length - 1));
      }
    }
    rules = table;
  }

  /**
   * The rule with this id, or {@code null} when there is none (a stale id after a failed start).
   */
  public static @Nullable Rule get(int id) {
    Rule[] table = rules;
    return id >= 0 && id < table.length ? table[id] : null;
  }

  public static List<Rule> all() {
    return List.copyOf(Arrays.asList(rules));
  }
}
