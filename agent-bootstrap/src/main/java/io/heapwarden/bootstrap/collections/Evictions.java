package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.LocalCounter;
import io.heapwarden.bootstrap.Rule;
import java.lang.ref.Reference;

/**
 * The evictions of one bounded collection that is not thread-safe, counted on a {@link
 * LocalCounter} of its own: a plain add, since the collection's users already take turns, where an
 * atomic add on the rule cost about a sixth of an eviction. The counter is made at the first
 * eviction, as most collections never evict; the rule folds it into its total whenever the total is
 * read, and after the collection is gone.
 */
final class Evictions {
  private final Rule rule;
  private LocalCounter counter;

  Evictions(Rule rule) {
    this.rule = rule;
  }

  void add(int count) {
    if (count > 0) {
      LocalCounter c = counter;
      if (c == null) {
        counter = c = rule.localCounter(Action.EVICTED, this);
      }
      c.add(count);
      Reference.reachabilityFence(this); // the rule takes a gone owner's count as final
    }
  }
}
