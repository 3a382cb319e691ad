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
}
