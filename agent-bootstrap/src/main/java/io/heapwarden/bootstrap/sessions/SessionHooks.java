package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.AdoptedFields;
import io.heapwarden.bootstrap.collections.Bounded;
import io.heapwarden.bootstrap.sessions.servlet.ServletSessionMap;
import org.jspecify.annotations.Nullable;

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

  /**
   * After a dynamic attach, what a read of the field calls in a class loaded before the agent: a
   * session store the service (a container's session manager) filled before the attach becomes the
   * session map a write would have stored, once, on its first read; sessions beyond the cap are
   * then ended through the container as at any insertion (see {@link AdoptedFields}).
   *
   * @param holder the object whose field was read; null for a static field
   */
  public static Object onFieldRead(
      @Nullable Object holder, Object value, int ruleId, boolean unused) {
    return AdoptedFields.onFieldRead(holder, value, ruleId, ADOPTED);
  }

  private static final AdoptedFields.Binder ADOPTED =
      new AdoptedFields.Binder() {
        @Override
        public boolean isBound(Object value) {
          return value instanceof Bounded || value instanceof ServletSessionMap;
        }

        @Override
        public Object bind(Object value, Rule rule) {
          return SessionMaps.boundOrKeep(value, rule);
        }
      };
}
