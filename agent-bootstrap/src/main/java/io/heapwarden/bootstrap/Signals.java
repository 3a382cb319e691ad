package io.heapwarden.bootstrap;

/** Where bootstrap code sends signals; a failing listener is never allowed to reach the service. */
public final class Signals {
  private static volatile SignalListener listener;

  private Signals() {}

  public static void listen(SignalListener newListener) {
    listener = newListener;
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
