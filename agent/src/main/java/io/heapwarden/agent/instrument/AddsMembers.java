package io.heapwarden.agent.instrument;

/**
 * For rewriters that add methods or fields to the classes they rewrite. A retransformation may not
 * add or remove members: such a rewriter is rerun on a class being retransformed only if it had
 * rewritten that class when it was loaded (its output is deterministic, so the members match);
 * classes loaded before the agent (dynamic attach) are left as they are.
 */
public interface AddsMembers {
  /** Whether {@code type} already has the members this rewriter adds. */
  boolean addedTo(Class<?> type);
}
