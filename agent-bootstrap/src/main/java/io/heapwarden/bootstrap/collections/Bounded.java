package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;

/**
 * Implemented by every bounded collection the agent stores in a ruled field. Each one is a subclass
 * of the collection it replaces, so it is assignable wherever the original was.
 */
public interface Bounded {
  /** The rule whose live limits this collection follows. */
  Rule rule();

  /**
   * Drops entries, oldest (or least recently used) first, until at most {@code maxEntries} remain,
   * counting each as {@link io.heapwarden.bootstrap.Action#TRIMMED}; returns how many it dropped.
   * Thread-safe collections allow any thread; the others only a thread that may write them.
   */
  int trimTo(long maxEntries);
}
