package io.heapwarden.bootstrap;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link LocalCounter}s of one rule, each with what the rule has already taken of it. Folding
 * adds the rest to the rule's totals and forgets the counters of collections that are gone, after
 * their last count: it runs when a total is read and every {@link #FOLD_EVERY} registrations, so
 * the list stays as short as the set of live collections that count.
 */
final class LocalCounters {
  private static final int FOLD_EVERY = 64;

  private final List<Registration> registrations = new ArrayList<>();
  private int sinceFold;

  synchronized LocalCounter register(Action action, Object owner, LongAdder[] totals) {
    if (++sinceFold >= FOLD_EVERY) {
      fold(totals);
    }
    LocalCounter counter = new LocalCounter();
    registrations.add(new Registration(action, owner, counter));
    return counter;
  }

  synchronized void fold(LongAdder[] totals) {
    sinceFold = 0;
    for (Iterator<Registration> it = registrations.iterator(); it.hasNext(); ) {
      Registration registration = it.next();
      boolean gone = registration.owner.get() == null; // read first: then the count is final
      long count = registration.counter.read();
      if (count != registration.taken) {
        totals[registration.action.ordinal()].add(count - registration.taken);
        registration.taken = count;
      }
      if (gone) {
        it.remove();
      }
    }
  }

  /** How many counters are registered: for tests. */
  synchronized int registered() {
    return registrations.size();
  }

  private static final class Registration {
    final Action action;
    final WeakReference<Object> owner;
    final LocalCounter counter;
    long taken;

    Registration(Action action, Object owner, LocalCounter counter) {
      this.action = action;
      this.owner = new WeakReference<>(owner);
      this.counter = counter;
    }
  }
}
