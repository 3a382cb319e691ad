package io.heapwarden.bootstrap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link LocalCounter}s of one rule. Folding adds what each has counted since the last fold to
 * the rule's totals and forgets the counters of collections that are gone, after their last count:
 * it runs when a total is read, and when registrations have doubled the list since the last fold,
 * so the list stays within twice the set of live collections that count and a registration costs
 * O(1), amortised.
 */
final class LocalCounters {
  private static final int MIN_FOLD_AT = 64;

  private final List<LocalCounter> registrations = new ArrayList<>();
  private int foldAt = MIN_FOLD_AT;

  synchronized LocalCounter register(Action action, Object owner, LongAdder[] totals) {
    if (registrations.size() >= foldAt) {
      fold(totals);
    }
    LocalCounter counter = new LocalCounter(action, owner);
    registrations.add(counter);
    return counter;
  }

  synchronized void fold(LongAdder[] totals) {
    for (Iterator<LocalCounter> it = registrations.iterator(); it.hasNext(); ) {
      LocalCounter counter = it.next();
      boolean gone = counter.ownerGone(); // read first: then the count is final
      long untaken = counter.take();
      if (untaken != 0) {
        totals[counter.action().ordinal()].add(untaken);
      }
      if (gone) {
        it.remove();
      }
    }
    foldAt = Math.max(MIN_FOLD_AT, 2 * registrations.size());
  }

  /** How many counters are registered: for tests. */
  synchronized int registered() {
    return registrations.size();
  }
}
