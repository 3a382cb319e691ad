package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bounded replacement of a {@link TreeMap}: a {@code TreeMap} with the original's comparator,
 * plus an {@link ArrayDeque} of keys in insertion order that decides which entry is evicted when
 * the map holds more than the rule's live {@code max-entries}. Not thread-safe, like {@code
 * TreeMap}: no lock. Iteration stays sorted.
 *
 * <p>Insertions through any method, including those of sub-map views (which call this map's
 * methods), are queued, and evict while the size is above the bound read at that moment. Keys
 * removed from the map stay in the queue and are skipped when they reach its head; the queue is
 * compacted when it grows to more than twice the map's size. A key removed and put again is queued
 * twice; until a compaction drops the older entry, it may be evicted at its first insertion's turn.
 * The key just inserted is never the one evicted unless the bound is 0.
 *
 * <p>{@code lru} is approximated by CLOCK (second chance), as in {@link BoundedLinkedHashMap}: an
 * access sets a mark in {@link AccessMarks} (indexed by the key's {@code hashCode}, so with a
 * comparator inconsistent with {@code equals} a mark can miss); an eviction that finds the eldest
 * key marked clears the mark and queues it again at the newest end. Access means {@code get} (and
 * {@code getOrDefault}, which uses it) finding a non-null value, and {@code put}, {@code
 * putIfAbsent}, {@code replace}, {@code compute*} and {@code merge} on a key already present that
 * stays present. {@code containsKey} and navigation ({@code firstKey}, {@code ceilingEntry}, ...)
 * are not access.
 *
 * <p>Serializes as a plain {@code TreeMap} copy with the same comparator.
 */
public final class BoundedTreeMap<K, V> extends TreeMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final transient boolean lru;
  private transient @Nullable AccessMarks marks; // lru: made with the queue
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes

  /**
   * Keys in insertion order; {@link #NULL_KEY} stands for null, which ArrayDeque refuses. Made at
   * the first insertion under {@code fifo}; under {@code lru} when the map first reaches half its
   * bound (see {@link MapClock#due}), with its keys then in sorted order.
   */
  private transient @Nullable ArrayDeque<Object> order;

  private static final Object NULL_KEY = new Object();

  BoundedTreeMap(@Nullable Comparator<? super K> comparator, Rule rule, boolean lru) {
    super(comparator);
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

  @Override
  public @Nullable V get(Object key) {
    V value = super.get(key);
    if (value != null && marks != null) {
      try {
        marks.mark(key); // TreeMap never calls hashCode: it may throw here first
      } catch (Throwable t) {
        rule.fail(t);
      }
    }
    return value;
  }

  @Override
  public V put(K key, V value) {
    ValueBounds.stored(rule, value);
    int sizeBefore = size();
    V previous = super.put(key, value);
    afterWrite(key, sizeBefore, true);
    return previous;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public V putIfAbsent(K key, V value) {
    int sizeBefore = size();
    ValueBounds.stored(rule, value);
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, sizeBefore, true);
    return previous;
  }

  @Override
  public V replace(K key, V value) {
    V previous = super.replace(key, value);
    afterWrite(key, size(), previous != null);
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    boolean replaced = super.replace(key, oldValue, newValue);
    afterWrite(key, size(), replaced);
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    int sizeBefore = size();
    V value = super.computeIfAbsent(key, ValueBounds.creating(rule, mappingFunction, lru()));
    afterWrite(key, sizeBefore, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, lru()));
    afterWrite(key, size(), value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    int sizeBefore = size();
    V value = super.compute(key, ValueBounds.creating(rule, remappingFunction, lru()));
    afterWrite(key, sizeBefore, value != null);
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    int sizeBefore = size();
    V merged =
        super.merge(
            key,
            ValueBounds.created(rule, value, lru()),
            ValueBounds.creating(rule, remappingFunction, lru()));
    afterWrite(key, sizeBefore, merged != null);
    return merged;
  }

  /** A grown size means {@code key} was inserted; otherwise a present key was used. */
  private void afterWrite(K key, int sizeBefore, boolean presentAfter) {
    try {
      if (size() > sizeBefore) {
        ByteBudget b = bytes();
        if (b != null && b.due(rule)) {
          b.record(rule, key, super.get(key)); // the plain lookup: not an access
        }
        long max = ByteBudget.maxEntriesOf(b, rule);
        if (order == null) {
          if (lru && !MapClock.due(size(), max)) {
            return; // fifo queues from the first key on: its order is the insertion order
          }
          startOrder(max); // with the key just inserted
        } else {
          order.addLast(key == null ? NULL_KEY : key);
        }
        if (size() > max) {
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

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      long max = Math.max(0, maxEntries);
      if (order == null) {
        startOrder(max);
      }
      dropped = removeOldest(max, null);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  /** Makes the queue, holding the map's keys in its order, and the marks under {@code lru}. */
  private void startOrder(long max) {
    order = new ArrayDeque<>(Math.max(size(), (int) Math.min(max, 1 << 20)));
    for (K key : keySet()) {
      order.addLast(key == null ? NULL_KEY : key);
    }
    marks = lru ? new AccessMarks(max) : null;
  }

  private @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
  }

  /**
   * Removes entries, eldest inserted first with second chances for marked ones, until at most
   * {@code max} remain. {@code newest}, the key just inserted, is queued again rather than removed
   * once, unless {@code max} is 0.
   */
  private int removeOldest(long max, @Nullable Object newest) {
    ArrayDeque<Object> queue = Objects.requireNonNull(order); // startOrder ran before any removal
    if (marks != null) {
      marks.fitTo(max);
    }
    int removed = 0;
    int secondChances = size();
    boolean refilled = false;
    while (size() > max) {
      Object queued = queue.pollFirst();
      if (queued == null) {
        if (refilled) {
          break;
        }
        for (K key : keySet()) { // entries that reached the tree unqueued
          queue.addLast(key == null ? NULL_KEY : key);
        }
        refilled = true;
        continue;
      }
      Object key = queued == NULL_KEY ? null : queued;
      if (!containsKey(key)) {
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
        queue.addLast(queued);
      } else {
        super.remove(key);
        removed++;
      }
    }
    return removed;
  }

  /** Drops stale and older duplicate queue entries once the queue is twice the map's size. */
  private void compactIfMostlyStale() {
    ArrayDeque<Object> queue = Objects.requireNonNull(order); // startOrder ran before any check
    if (queue.size() <= 2 * size() + 64) {
      return;
    }
    @SuppressWarnings("unchecked") // the queue holds keys of this map only
    Comparator<Object> sameKey = (Comparator<Object>) comparator();
    TreeMap<Object, Boolean> seen = new TreeMap<>(sameKey); // the map's idea of "the same key"
    ArrayDeque<Object> newestFirst = new ArrayDeque<>(size());
    boolean seenNull = false;
    for (Iterator<Object> it = queue.descendingIterator(); it.hasNext(); ) {
      Object queued = it.next();
      if (queued == NULL_KEY) {
        if (!seenNull && containsKey(null)) {
          seenNull = true;
          newestFirst.addLast(queued);
        }
      } else if (containsKey(queued) && seen.put(queued, Boolean.TRUE) == null) {
        newestFirst.addLast(queued);
      }
    }
    ArrayDeque<Object> compacted = new ArrayDeque<>(newestFirst.size());
    for (Iterator<Object> it = newestFirst.descendingIterator(); it.hasNext(); ) {
      compacted.addLast(it.next());
    }
    order = compacted;
  }

  /** A clone is bounded by the same rule, with a queue and marks of its own. */
  @Override
  public Object clone() {
    BoundedTreeMap<?, ?> copy = (BoundedTreeMap<?, ?>) super.clone();
    copy.order = order == null ? null : new ArrayDeque<>(order);
    copy.marks = marks == null ? null : new AccessMarks(Bounds.maxEntries(rule));
    copy.bytes = null;
    return copy;
  }

  private Object writeReplace() {
    return new TreeMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain TreeMap");
  }
}
