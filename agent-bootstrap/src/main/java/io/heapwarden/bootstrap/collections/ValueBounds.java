package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Bounds the values of a bounded map that are collections themselves ({@code values:} in the
 * config), using the map rule's linked {@link Rule#values() values rule}.
 *
 * <p>Only values the map creates are replaced: those returned by the functions of {@code
 * computeIfAbsent}, {@code compute}, {@code computeIfPresent} and {@code merge}. The map hands the
 * stored value back to the caller, so nobody holds the unbounded original. A collection stored with
 * {@code put} is left as it is (and reported once): the caller may keep it and go on adding to it,
 * and a copy would silently lose those additions.
 */
public final class ValueBounds {
  private ValueBounds() {}

  /** The value to store for a value the map created: a bounded copy, or {@code value} itself. */
  public static <V> V created(Rule mapRule, V value, boolean lru) {
    Rule rule = mapRule.values();
    if (rule == null || !rule.enabled() || !isCollection(value) || value instanceof Bounded) {
      return value;
    }
    if (!BoundedCollections.replacedBySubclass(value)) {
      // The caller's code may cast the value to its own class, which the replacement is not.
      Signals.notBounded(
          rule,
          value.getClass(),
          "its bounded replacement is not a subclass of it, and a map value must keep its class");
      return value;
    }
    @SuppressWarnings("unchecked")
    V stored = (V) BoundedCollections.boundOrKeep(value, rule, lru); // a subclass of V's class
    return stored;
  }

  /** {@code function}, with what it returns bounded; itself when the map bounds no values. */
  public static <K, V> Function<? super K, ? extends V> creating(
      Rule mapRule, Function<? super K, ? extends V> function, boolean lru) {
    if (mapRule.values() == null || function == null) {
      return function;
    }
    return key -> created(mapRule, function.apply(key), lru);
  }

  /** {@code function}, with what it returns bounded; itself when the map bounds no values. */
  public static <K, V, R extends V> BiFunction<? super K, ? super V, ? extends V> creating(
      Rule mapRule, BiFunction<? super K, ? super V, R> function, boolean lru) {
    if (mapRule.values() == null || function == null) {
      return function;
    }
    return (key, value) -> created(mapRule, function.apply(key, value), lru);
  }

  /** Notes, once per class, that a collection stored with put stays unbounded. */
  public static void stored(Rule mapRule, Object value) {
    Rule rule = mapRule.values();
    if (rule != null && isCollection(value) && !(value instanceof Bounded)) {
      Signals.notBounded(
          rule,
          value.getClass(),
          "it was stored with put, and the caller may keep adding to it; values created by"
              + " computeIfAbsent, compute or merge are bounded");
    }
  }

  private static boolean isCollection(Object value) {
    return value instanceof Collection || value instanceof Map;
  }
}
