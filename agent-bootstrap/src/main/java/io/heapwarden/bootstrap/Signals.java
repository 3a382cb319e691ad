package io.heapwarden.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where bootstrap code sends signals; a failing listener is never allowed to reach the service. */
public final class Signals {
  private static volatile SignalListener listener;

  private Signals() {}

  public static void listen(SignalListener newListener) {
    listener = newListener;
  }

  /**
   * The rules each class was already reported for. Kept with the class (so no class loader is
   * pinned), and checked without allocating: a repeated store of the same class costs a lookup.
   */
  private static final ClassValue<Set<Rule>> NOT_BOUNDED_REPORTED =
      new ClassValue<Set<Rule>>() {
        @Override
        protected Set<Rule> computeValue(Class<?> type) {
          return ConcurrentHashMap.newKeySet();
        }
      };

  /** Signals, once per rule and class, that a value was stored unbounded, and why. */
  public static void notBounded(Rule rule, Class<?> valueClass, String reason) {
    Set<Rule> reported = NOT_BOUNDED_REPORTED.get(valueClass);
    if (reported.contains(rule) || !reported.add(rule)) {
      return;
    }
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.notBounded(rule, valueClass.getName(), reason);
    } catch (Throwable ignored) {
      // The listener is the agent's; its failure must not become the service's.
    }
  }

  static void ruleFailed(Rule rule, Throwable failure) {
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.ruleFailed(rule, failure);
    } catch (Throwable ignored) {
      // The listener is the agent's; its failure must not become the service's.
    }
  }
}
