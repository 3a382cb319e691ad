package io.heapwarden.bootstrap.instances;

import io.heapwarden.bootstrap.Rule;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live instances of one rule's class, counted through weak references: an instance is counted
 * from its construction until the collector clears its reference. The references are dropped as
 * they are cleared (polled at each construction), so the count costs one small object per live
 * instance and keeps none of them, nor their class loader, alive.
 */
final class LiveInstances {
  private static final Map<Rule, LiveInstances> BY_RULE = new ConcurrentHashMap<>();

  private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
  private final Set<Reference<Object>> refs = ConcurrentHashMap.newKeySet();
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

  static LiveInstances of(Rule rule) {
    LiveInstances live = BY_RULE.get(rule);
    if (live == null) {
      LiveInstances raced = BY_RULE.putIfAbsent(rule, live = new LiveInstances());
      if (raced != null) {
        live = raced;
      }
    }
    return live;
  }

  /** Counts {@code instance}; returns the live count including it. */
  long add(Object instance) {
    expunge();
    refs.add(new WeakReference<>(instance, cleared));
    return count.incrementAndGet();
  }

  long count() {
    expunge();
    return count.get();
  }

  /** True at most once per {@code everyNanos}, across threads. */
  boolean mayReport(long everyNanos) {
    long now = System.nanoTime();
    long last = lastReport.get();
    return now - last >= everyNanos && lastReport.compareAndSet(last, now);
  }

  private void expunge() {
    for (Reference<?> ref = cleared.poll(); ref != null; ref = cleared.poll()) {
      if (refs.remove(ref)) {
        count.decrementAndGet();
      }
    }
  }
}
