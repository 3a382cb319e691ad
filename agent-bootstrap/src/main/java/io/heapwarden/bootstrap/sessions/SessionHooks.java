package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.Bounded;

/**
 * What rewritten code calls just before it stores a value in a field named by a {@code sessions:}
 * rule (the same rewriting as for {@code collections:} rules, with this hook). Field writes are
 * rare; what matters is that it never throws into the service.
 */
public final class SessionHooks {
  private SessionHooks() {}

  /**
   * Returns what to store in the field: a session map holding {@code value}'s sessions, or {@code
   * value} itself when it is null, already bounded, cannot be replaced, or the rule is off.
   *
   * @param ruleId the rule's id, a constant in the rewritten code
   * @param unused the collection hook's eviction flag, so that both hooks share one descriptor
   */
  public static Object onFieldWrite(Object value, int ruleId, boolean unused) {
    if (value == null || value instanceof Bounded) {
      return value;
    }
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled()) {
      return value;
    }
    return SessionMaps.boundOrKeep(value, rule);
  }
}
