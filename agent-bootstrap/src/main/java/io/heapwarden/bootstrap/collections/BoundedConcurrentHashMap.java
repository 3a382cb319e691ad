package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bounded replacement of a {@link ConcurrentHashMap}: the entries stay in the {@code
 * ConcurrentHashMap} itself, and a lock-free queue of keys ({@link KeyQueue}) remembers the
 * insertion order. No global lock is taken on reads or writes. The queue is made at the first
 * insertion under {@code fifo}; under {@code lru}, when the map first reaches half its bound, with
 * the keys it holds then in the map's (hash) order, and from then on keys join it in insertion
 * order: below half its bound an {@code lru} map carries nothing but its rule, and reads mark
 * nothing.
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

  private static final VarHandle QUEUE;

  static {
    try {
      QUEUE =
          MethodHandles.lookup()
              .findVarHandle(BoundedConcurrentHashMap.class, "queue", KeyQueue.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final transient Rule rule;
  private final transient boolean lru;
  // made from half the bound on (MapClock.due)
  private transient volatile @Nullable KeyQueue<K> queue;
  // lru: the queue's, for readers in one load
  private transient volatile @Nullable AccessMarks marks;
  // made when the rule first sets max-bytes; racy is fine
  private transient @Nullable ByteBudget bytes;

  BoundedConcurrentHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.lru = lru;
  }

  private boolean lru() {
    return lru;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  /** Also serves {@code getOrDefault}, which {@code ConcurrentHashMap} implements with it. */
  @Override
  public @Nullable V get(Object key) {
    V value = super.get(key);
    AccessMarks m = marks;
    if (value != null && m != null) {
      markAccess(m, key);
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
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
    V previous = super.put(key, value);
    afterWrite(key, previous == null, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
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
      ByteBudget.sampleIfAny(bytes(), rule, key, value);
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
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
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
    ByteBudget.sampleIfAny(bytes(), rule, key, merged);
    afterWrite(key, !called[0] && merged != null, merged != null);
    return merged;
  }

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      long max = Math.max(0, maxEntries);
      dropped = removeOldest(queue(max, null), max, null);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  private void afterWrite(K key, boolean inserted, boolean presentAfter) {
    try {
      if (inserted) {
        long max = ByteBudget.maxEntriesOf(bytes, rule);
        KeyQueue<K> q = queue;
        if (q == null) {
          if (lru && !MapClock.due(size(), max)) {
            return; // fifo queues from the first key on: its order is the insertion order
          }
          q = queue(max, key);
        } else {
          q.order.offer(key);
          q.queued.increment();
        }
        if (mappingCount() > max) {
          Bounds.evicted(rule, removeOldest(q, max, key));
        }
        compactIfMostlyStale(q);
      } else if (presentAfter) {
        AccessMarks m = marks;
        if (m != null) {
          m.mark(key);
        }
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
  }

  /**
   * The queue, made now if there is none: holding every key of the map in its order (so {@code
   * key}, just inserted, is queued already), as the first writer to get there made it.
   */
  private KeyQueue<K> queue(long max, @Nullable K key) {
    KeyQueue<K> q = queue;
    if (q != null) {
      if (key != null) {
        q.order.offer(key);
        q.queued.increment();
      }
      return q;
    }
    KeyQueue<K> made = new KeyQueue<>(lru, max);
    refillFromMap(made);
    if (QUEUE.compareAndSet(this, null, made)) {
      marks = made.marks;
      return made;
    }
    return queue(max, key); // another writer made it first: queue the key in theirs
  }

  private @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
  }

  private void markAccess(AccessMarks m, Object key) {
    try {
      m.mark(key);
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /**
   * Removes keys, oldest first with second chances for marked ones, until at most {@code max}
   * remain. {@code newest}, the key this thread just inserted, is put back rather than removed
   * once, unless {@code max} is 0.
   */
  private int removeOldest(KeyQueue<K> q, long max, @Nullable Object newest) {
    AccessMarks marks = q.marks;
    if (marks != null) {
      marks.fitTo(max);
    }
    int removed = 0;
    long secondChances = mappingCount();
    boolean refilled = false;
    while (mappingCount() > max) {
      K key = q.order.poll();
      if (key == null) {
        if (refilled || !refillFromMap(q)) {
          break; // nothing left to evict that this pass can see
        }
        refilled = true;
        continue;
      }
      if (super.get(key) == null) {
        q.queued.decrement();
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
        q.order.offer(key); // polled and offered again: the queue's length is unchanged
      } else {
        q.queued.decrement();
        if (remove(key) != null) {
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Queues every key of the map (hash order): when the queue is made, and for the keys added around
   * this class, which get in line this way.
   */
  private boolean refillFromMap(KeyQueue<K> q) {
    boolean any = false;
    for (K key : keySet()) {
      q.order.offer(key);
      q.queued.increment();
      any = true;
    }
    return any;
  }

  /**
   * Drops queue entries of removed keys and all but the newest entry of a key queued twice, once
   * the queue is more than twice as long as the map. One thread at a time; others go on.
   */
  private void compactIfMostlyStale(KeyQueue<K> q) {
    if (q.queued.sum() <= 2 * mappingCount() + 64 || !q.compacting.compareAndSet(false, true)) {
      return;
    }
    try {
      Map<K, Integer> occurrences = new HashMap<>();
      for (K key : q.order) {
        occurrences.merge(key, 1, Integer::sum);
      }
      int kept = 0;
      for (Iterator<K> it = q.order.iterator(); it.hasNext(); ) {
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
      q.queued.add(kept - q.queued.sum()); // resynchronises the estimate after concurrent drift
    } finally {
      q.compacting.set(false);
    }
  }

  private Object writeReplace() {
    return new ConcurrentHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain ConcurrentHashMap");
  }
}
