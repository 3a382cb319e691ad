package io.heapwarden.bootstrap;

/**
 * Receives the rare signals that bootstrap code cannot handle itself. The agent installs one
 * listener; bootstrap code never depends on the agent's classes.
 */
public interface SignalListener {
  /** A hook caught a failure of the agent's own code and disabled {@code rule}. */
  void ruleFailed(Rule rule, Throwable failure);

  /**
   * A value stored in {@code rule}'s field cannot be bounded safely, so it was stored unchanged;
   * signalled once per rule and value class.
   */
  default void notBounded(Rule rule, String valueClass, String reason) {}

  // --- singletons: and instances: rules
  // -----------------------------------------------------------

  /** A shared instance was built for a new key ({@code key} summarises it) in {@code nanos}. */
  default void singletonCreated(Rule rule, String key, long nanos) {}

  /**
   * An argument of a ruled construction is compared by identity ({@code argumentClass} does not
   * override equals), so such calls are not shared; signalled once per rule.
   */
  default void identityArguments(Rule rule, String argumentClass) {}

  /** close() on a shared instance was ignored (on-close: ignore); signalled once per rule. */
  default void closeIgnored(Rule rule, String instanceClass) {}

  /**
   * {@code live} instances of an {@code instances:} rule's class are alive, above {@code limit};
   * called on the thread that just built the newest one (rate-limited by the caller).
   */
  default void tooManyLive(Rule rule, long live, long limit, String instanceClass) {}
}
