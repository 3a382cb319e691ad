package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Picks the bounded replacement for a collection by its exact runtime class. The replacement is a
 * subclass of that class, so it is assignable to whatever the field is declared as; except for a
 * {@code ConcurrentHashMap.newKeySet()} set (a final class whose adds reach the map through a
 * package-private path), replaced by a {@link BoundedConcurrentKeySet}: the agent rewrites only
 * fields declared as a type that set satisfies (an interface of it, or {@code Object}).
 */
public final class BoundedCollections {
  private BoundedCollections() {}

  /**
   * What to store instead of {@code value}: a bounded copy (registered for telemetry), or {@code
   * value} itself when it cannot be bounded (signalled once per rule and class) or when the agent's
   * own code fails (the rule then disables itself). Never throws.
   */
  public static Object boundOrKeep(Object value, Rule rule, boolean lru) {
    try {
      Object bounded = copyOf(value, rule, lru);
      if (bounded == null) {
        Signals.notBounded(
            rule,
            value.getClass(),
            Objects.requireNonNull(unsupportedReason(value))); // copyOf refuses only unsupported
        return value;
      }
      LiveCollections.register(rule, bounded);
      return bounded;
    } catch (ConcurrentModificationException raced) {
      // The service modified its own collection while storing it: its race, not an agent failure.
      Signals.notBounded(rule, value.getClass(), "it was modified by another thread while stored");
      return value;
    } catch (Throwable failure) {
      rule.fail(failure);
      return value;
    }
  }

  /** A bounded copy of {@code original}, or null when its class cannot be bounded safely. */
  public static @Nullable Object copyOf(Object original, Rule rule, boolean lru) {
    // Collection first: a failing instanceof scans the class's interfaces, a list's more than a
    // map's
    if (original instanceof Collection) {
      return BoundedSequences.copyOf((Collection<?>) original, rule, lru);
    }
    if (original instanceof Map) {
      return BoundedMaps.copyOf((Map<?, ?>) original, rule, lru);
    }
    return null;
  }

  /**
   * Whether the bounded replacement of {@code value} is a subclass of its class, so that it can go
   * wherever {@code value} could: true for every supported class but a {@code
   * ConcurrentHashMap.newKeySet()} set.
   */
  public static boolean replacedBySubclass(Object value) {
    return !(value instanceof ConcurrentHashMap.KeySetView);
  }

  /** Why {@link #copyOf} returned null for {@code original}. */
  public static @Nullable String unsupportedReason(Object original) {
    if (original instanceof Map) {
      return BoundedMaps.unsupportedReason((Map<?, ?>) original);
    }
    if (original instanceof Collection) {
      return BoundedSequences.unsupportedReason((Collection<?>) original);
    }
    return "it is neither a Map nor a Collection";
  }
}
