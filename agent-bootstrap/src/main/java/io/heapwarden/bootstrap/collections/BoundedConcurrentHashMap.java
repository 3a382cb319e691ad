package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The bounded replacement of a {@link ConcurrentHashMap}: the entries stay in the {@code
 * ConcurrentHashMap} itself, and a lock-free {@link ConcurrentLinkedQueue} of keys remembers the
 * insertion order. No global lock is taken on reads or writes.
 *
 * <p>After each insertion the inserting thread evicts, oldest key first, while the size is above
 * the rule's live {@code max-entries}. Queue entries whose key was removed meanwhile are skipped;
 * the queue is compacted when stale entries make it more than twice the map's size. Under
 * concurrent writers the size may exceed the bound by at most the number of writer threads, and
 * racing evictors may briefly take it below the bound by as many.
 *
 * <p>{@code lru} is approximated by CLOCK (second chance): an access sets a mark in {@link
 * AccessMarks}; an evictor that polls a marked key clears the mark and puts the key back at the
 * newest end of the queue, and evicts the first unmarked key. A writer never evicts the key it just
 * inserted unless the bound is 0. Access means: {@code get} and {@code getOrDefault} finding the
 * key, {@code put}, {@code putIfAbsent}, {@code replace}, {@code compute*} and {@code merge} on a
 * key already present that stays present. {@code containsKey} and iteration are not access.
 * Iteration order is the {@code ConcurrentHashMap}'s own (hash order).
 *
 * <p>Keys added through {@code entrySet().add} or a {@code keySet(value)} view bypass this class
 * (they call the JDK's package-private {@code putVal}); they are not in the queue until an evictor
 * finds it empty and refills it from the map, so they are bounded only by the next insertion
 * through the map's own methods, or by {@link #trimTo}.
 *
 * <p>Serializes as a plain {@code ConcurrentHashMap} copy.
 */
public final class BoundedConcurrentHashMap<K, V> extends ConcurrentHashMap<K, V>
    implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final transient AccessMarks marks; // null under fifo
  private final transient ConcurrentLinkedQueue<K> order = new ConcurrentLinkedQueue<>();
  // ConcurrentLinkedQueue.size() is O(n); a LongAdder, as writers would contend on one counter.
  private final transient LongAdder queued = new LongAdder();
  private final transient AtomicBoolean compacting = new AtomicBoolean();
  private final transient ByteBudget bytes = new ByteBudget();

  BoundedConcurrentHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.marks = lru ? AccessMarks.spread(Bounds.maxEntries(rule)) : null;
  }

  private boolean lru() {
    return marks != null;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  /** Also serves {@code getOrDefault}, which {@code ConcurrentHashMap} implements with it. */
  @Override
  public V get(Object key) {
    V value = super.get(key);
    if (value != null && marks != null) {
      markAccess(key);
    }
    return value;
  }

  /** Not access; {@code ConcurrentHashMap} implements it with {@code get}, which marks. */
  @Override
  public boolean containsKey(Object key) {
    return super.get(key) != null;
  }

  @Override
  public V put(K key, V value) {
    ValueBounds.stored(rule, value);
    bytes.sample(rule, key, value);
    V previous = super.put(key, value);
    afterWrite(key, previous == null, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    bytes.sample(rule, key, value);
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, previous == null, true);
    return previous;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public V replace(K key, V value) {
    V previous = super.replace(key, value);
    afterWrite(key, false, previous != null);
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    boolean replaced = super.replace(key, oldValue, newValue);
    afterWrite(key, false, replaced);
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction); // as ConcurrentHashMap does, before wrapping it
    boolean[] called = new boolean[1]; // the function runs only when the key is absent
    V value =
        super.computeIfAbsent(
            key,
            k -> {
              called[0] = true;
              return ValueBounds.created(rule, mappingFunction.apply(k), lru());
            });
    if (called[0]) {
      bytes.sample(rule, key, value);
    }
    afterWrite(key, called[0] && value != null, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, lru()));
    afterWrite(key, false, value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    boolean[] absent = new boolean[1]; // seen under the bin's lock, so exact
    V value =
        super.compute(
            key,
            (k, old) -> {
              absent[0] = old == null;
              return ValueBounds.created(rule, remappingFunction.apply(k, old), lru());
            });
    bytes.sample(rule, key, value);
    afterWrite(key, absent[0] && value != null, value != null);
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    boolean[] called = new boolean[1]; // the function runs only when the key is present
    V merged =
        super.merge(
            key,
            ValueBounds.created(rule, value, lru()),
            (old, given) -> {
              called[0] = true;
              return ValueBounds.created(rule, remappingFunction.apply(old, given), lru());
            });
    bytes.sample(rule, key, merged);
    afterWrite(key, !called[0] && merged != null, merged != null);
    return merged;
  }

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      dropped = removeOldest(Math.max(0, maxEntries), null);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  private void afterWrite(K key, boolean inserted, boolean presentAfter) {
    try {
      if (inserted) {
        order.offer(key);
        queued.increment();
        long max = bytes.maxEntries(rule);
        if (mappingCount() > max) {
          Bounds.evicted(rule, removeOldest(max, key));
        }
        compactIfMostlyStale();
      } else if (presentAfter && marks != null) {
        marks.mark(key);
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
  }

  private void markAccess(Object key) {
    try {
      marks.mark(key);
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /**
   * Removes keys, oldest first with second chances for marked ones, until at most {@code max}
   * remain. {@code newest}, the key this thread just inserted, is put back rather than removed
   * once, unless {@code max} is 0.
   */
  private int removeOldest(long max, Object newest) {
    if (marks != null) {
      marks.fitTo(max);
    }
    int removed = 0;
    long secondChances = mappingCount();
    boolean refilled = false;
    while (mappingCount() > max) {
      K key = order.poll();
      if (key == null) {
        if (refilled || !refillFromMap()) {
          break; // nothing left to evict that this pass can see
        }
        refilled = true;
        continue;
      }
      if (super.get(key) == null) {
        queued.decrement();
        continue; // removed meanwhile: a stale queue entry
      }
      boolean secondChance = key == newest && max > 0;
      if (secondChance) {
        newest = null;
      } else if (marks != null && secondChances > 0 && marks.testAndClear(key)) {
        secondChances--;
        secondChance = true;
      }
      if (secondChance) {
        order.offer(key); // polled and offered again: the queue's length is unchanged
      } else {
        queued.decrement();
        if (remove(key) != null) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Queues every key of the map (hash order): the keys added around this class get in line. */
  private boolean refillFromMap() {
    boolean any = false;
    for (K key : keySet()) {
      order.offer(key);
      queued.increment();
      any = true;
    }
    return any;
  }

  /**
   * Drops queue entries of removed keys and all but the newest entry of a key queued twice, once
   * the queue is more than twice as long as the map. One thread at a time; others go on.
   */
  private void compactIfMostlyStale() {
    if (queued.sum() <= 2 * mappingCount() + 64 || !compacting.compareAndSet(false, true)) {
      return;
    }
    try {
      Map<K, Integer> occurrences = new HashMap<>();
      for (K key : order) {
        occurrences.merge(key, 1, Integer::sum);
      }
      int kept = 0;
      for (Iterator<K> it = order.iterator(); it.hasNext(); ) {
        K key = it.next();
        Integer left = occurrences.get(key);
        if (left != null && left > 1) {
          occurrences.put(key, left - 1); // an older duplicate
          it.remove();
        } else if (super.get(key) == null) {
          it.remove();
        } else {
          kept++;
        }
      }
      queued.add(kept - queued.sum()); // resynchronises the estimate after concurrent drift
    } finally {
      compacting.set(false);
    }
  }

  private Object writeReplace() {
    return new ConcurrentHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain ConcurrentHashMap");
  }
}
