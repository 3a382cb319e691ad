package io.heapwarden.bootstrap;

/** Where bootstrap code sends signals; a failing listener is never allowed to reach the service. */
public final class Signals {
  private static volatile SignalListener listener;

  private Signals() {}

  public static void listen(SignalListener newListener) {
    listener = newListener;
  }

  private static final java.util.Set<String> NOT_BOUNDED_SEEN =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Signals, once per rule and class, that a value was stored unbounded, and why. */
  public static void notBounded(Rule rule, Class<?> valueClass, String reason) {
    if (!NOT_BOUNDED_SEEN.add(rule.id() + ":" + valueClass.getName())) {
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
