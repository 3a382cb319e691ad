package io.heapwarden.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Where bootstrap code sends signals; a failing listener is never allowed to reach the service. */
public final class Signals {
  private static volatile @Nullable SignalListener listener;

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

  // --- singletons: and instances: rules
  // -----------------------------------------------------------

  /** Rules already reported for identity-compared arguments, or for an ignored close(). */
  private static final Set<Rule> IDENTITY_REPORTED = ConcurrentHashMap.newKeySet();

  private static final Set<Rule> CLOSE_REPORTED = ConcurrentHashMap.newKeySet();

  /** A shared instance was built for a new key; {@code nanos} is its construction time. */
  public static void singletonCreated(Rule rule, String key, long nanos) {
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.singletonCreated(rule, key, nanos);
    } catch (Throwable ignored) {
      // The listener is the agent's; its failure must not become the service's.
    }
  }

  /** Signals, once per rule, that an argument is compared by identity, so calls are not shared. */
  public static void identityArguments(Rule rule, String argumentClass) {
    if (IDENTITY_REPORTED.contains(rule) || !IDENTITY_REPORTED.add(rule)) {
      return;
    }
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.identityArguments(rule, argumentClass);
    } catch (Throwable ignored) {
      // The listener is the agent's; its failure must not become the service's.
    }
  }

  /** Signals, once per rule, that close() on a shared instance was ignored. */
  public static void closeIgnored(Rule rule, String instanceClass) {
    if (CLOSE_REPORTED.contains(rule) || !CLOSE_REPORTED.add(rule)) {
      return;
    }
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.closeIgnored(rule, instanceClass);
    } catch (Throwable ignored) {
      // The listener is the agent's; its failure must not become the service's.
    }
  }

  /** More instances than max-live are alive; called on the thread that built the newest one. */
  public static void tooManyLive(Rule rule, long live, long limit, String instanceClass) {
    SignalListener current = listener;
    if (current == null) {
      return;
    }
    try {
      current.tooManyLive(rule, live, limit, instanceClass);
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
