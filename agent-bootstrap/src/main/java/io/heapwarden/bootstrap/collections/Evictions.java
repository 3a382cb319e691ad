package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.LocalCounter;
import io.heapwarden.bootstrap.Rule;
import java.lang.ref.Reference;

/**
 * The evictions of one bounded collection that is not thread-safe, counted on a {@link
 * LocalCounter} of its own: a plain add, since the collection's users already take turns, where an
 * atomic add on the rule cost about a sixth of an eviction. The collection makes its counter at its
 * first eviction, as most collections never evict; the rule folds it into its total whenever the
 * total is read, and after the collection is gone.
 */
final class Evictions {
  private Evictions() {}

  /** A new counter of evictions for {@code owner}. */
  static LocalCounter counter(Rule rule, Object owner) {
    return rule.localCounter(Action.EVICTED, owner);
  }

  /** Counts {@code count} evictions of {@code owner} on its counter. */
  static void add(LocalCounter counter, int count, Object owner) {
    counter.add(count);
    Reference.reachabilityFence(owner); // the rule takes a gone owner's count as final
  }
}
