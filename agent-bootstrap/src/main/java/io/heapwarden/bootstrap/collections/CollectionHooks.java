package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;

/**
 * What rewritten code calls just before it stores a value in a field named by a {@code
 * collections:} rule. Field writes are rare (usually once per object), so the work here is not on a
 * hot path; what matters is that it never throws into the service.
 */
public final class CollectionHooks {
  /**
   * Whether a class is one of the bounded types, computed once per class: a failing {@code
   * instanceof Bounded} scans the value's interfaces at every write (about 10 ns for a list).
   */
  private static final ClassValue<Boolean> BOUNDED =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return Bounded.class.isAssignableFrom(type);
        }
      };

  private CollectionHooks() {}

  /** Whether {@code value} is one of the bounded types (one lookup per class). */
  static boolean isBounded(Object value) {
    return BOUNDED.get(value.getClass());
  }

  /**
   * Returns what to store in the field: a bounded copy of {@code value} (a subclass of its class,
   * holding its contents, trimmed to the bound), or {@code value} itself when it is null, already
   * bounded, cannot be bounded safely, or the rule is off.
   *
   * @param ruleId the rule's id, a constant in the rewritten code
   * @param lru the rule's eviction, a constant in the rewritten code
   */
  public static Object onFieldWrite(Object value, int ruleId, boolean lru) {
    if (value == null || BOUNDED.get(value.getClass())) {
      return value;
    }
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled()) {
      return value;
    }
    return BoundedCollections.boundOrKeep(value, rule, lru);
  }
}
