package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The bounded replacement of a {@link java.util.HashMap} or {@link LinkedHashMap}: a {@code
 * LinkedHashMap} in insertion order that drops its eldest entries when it holds more than the
 * rule's live {@code max-entries}. Not thread-safe, exactly like the map it replaces: it takes no
 * lock.
 *
 * <p>Every insertion, through any method or view, reaches {@link #removeEldestEntry}, which evicts
 * while the size is above the bound read at that moment; so a lowered limit shrinks the map on its
 * next insertion. The entry just inserted is never the one evicted unless the bound is 0.
 *
 * <p>{@code fifo}: the eldest inserted entry goes first; iteration is in insertion order.
 *
 * <p>{@code lru}, approximated by CLOCK (second chance), because access order would make {@code
 * get} a structural modification (a {@code ConcurrentModificationException} in {@code for (k :
 * keySet()) get(k)}, corruption under a shared read lock). An access sets a mark in {@link
 * AccessMarks}, leaving the structure alone. Eviction looks at the eldest entry: if it is marked,
 * its mark is cleared and it moves to the newest end (removed and put again by the writer), and the
 * next eldest is looked at; the first unmarked eldest is evicted. At most {@code size()} entries
 * get a second chance per eviction step. Iteration is in insertion order, except that entries given
 * a second chance have moved to the end. Access means: {@code get} and {@code getOrDefault} finding
 * a non-null value, and {@code put}, {@code putIfAbsent}, {@code replace}, {@code compute*} and
 * {@code merge} on a key already present that stays present. {@code containsKey}, {@code
 * containsValue} and iteration are not access (a check, or a scan of everything).
 *
 * <p>Serializes as a plain {@code LinkedHashMap} copy, so no agent class is needed to read it.
 */
public final class BoundedLinkedHashMap<K, V> extends LinkedHashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient AccessMarks marks; // null under fifo
  private transient ByteBudget bytes = new ByteBudget();
  private transient boolean evicting; // re-insertions of second chances must not evict
  private transient int insertions; // tells an update of a present key from an insertion

  BoundedLinkedHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.marks = lru ? new AccessMarks(Bounds.maxEntries(rule)) : null;
  }

  private boolean lru() {
    return marks != null;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public V get(Object key) {
    V value = super.get(key);
    if (value != null && marks != null) {
      markAccess(key);
    }
    return value;
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    if (marks == null) {
      return super.getOrDefault(key, defaultValue);
    }
    V value = super.get(key);
    if (value != null) {
      markAccess(key);
      return value;
    }
    return super.getOrDefault(key, defaultValue);
  }

  @Override
  public V put(K key, V value) {
    ValueBounds.stored(rule, value);
    bytes.sample(rule, key, value);
    int before = insertions;
    V previous = super.put(key, value);
    markIfUpdated(key, before, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    bytes.sample(rule, key, value);
    int before = insertions;
    V previous = super.putIfAbsent(key, value);
    markIfUpdated(key, before, true);
    return previous;
  }

  @Override
  public V replace(K key, V value) {
    V previous = super.replace(key, value);
    markIfUpdated(key, insertions, previous != null);
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    boolean replaced = super.replace(key, oldValue, newValue);
    markIfUpdated(key, insertions, replaced);
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    int before = insertions;
    V value = super.computeIfAbsent(key, ValueBounds.creating(rule, mappingFunction, lru()));
    if (insertions != before) {
      bytes.sample(rule, key, value);
    }
    markIfUpdated(key, before, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, lru()));
    markIfUpdated(key, insertions, value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    int before = insertions;
    V value = super.compute(key, ValueBounds.creating(rule, remappingFunction, lru()));
    if (insertions != before) {
      bytes.sample(rule, key, value);
    }
    markIfUpdated(key, before, value != null);
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    int before = insertions;
    V merged =
        super.merge(
            key,
            ValueBounds.created(rule, value, lru()),
            ValueBounds.creating(rule, remappingFunction, lru()));
    if (insertions != before) {
      bytes.sample(rule, key, merged);
    }
    markIfUpdated(key, before, merged != null);
    return merged;
  }

  /** {@code HashMap.putAll} inserts without calling {@code put}: one by one, each is sampled. */
  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      put(entry.getKey(), entry.getValue());
    }
  }

  /** Marks {@code key} when the call found it present (no insertion) and left it present. */
  private void markIfUpdated(Object key, int insertionsBefore, boolean presentAfter) {
    if (marks != null && presentAfter && insertions == insertionsBefore) {
      markAccess(key);
    }
  }

  private void markAccess(Object key) {
    try {
      marks.mark(key);
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /** Called by {@code LinkedHashMap} after every insertion of a new key, the newest entry last. */
  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    if (evicting) {
      return false;
    }
    insertions++;
    try {
      long max = bytes.maxEntries(rule);
      if (size() > max) {
        Bounds.evicted(rule, removeOldest(max, true));
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
    return false; // removeOldest already removed what had to go
  }

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      dropped = removeOldest(Math.max(0, maxEntries), false);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  /**
   * Removes entries, eldest first with second chances for marked ones, until at most {@code max}
   * remain. With {@code protectNewest}, the newest entry (the one just inserted) is moved rather
   * than removed when it becomes the eldest, unless {@code max} is 0.
   */
  private int removeOldest(long max, boolean protectNewest) {
    if (marks != null) {
      marks.fitTo(max);
    }
    int removed = 0;
    int secondChances = size();
    int aheadOfNewest = protectNewest && max > 0 ? size() - 1 : -1; // each step shifts it by one
    evicting = true;
    try {
      while (size() > max) {
        Iterator<Map.Entry<K, V>> it = entrySet().iterator();
        Map.Entry<K, V> eldest = it.next();
        K key = eldest.getKey();
        boolean secondChance = aheadOfNewest-- == 0;
        if (!secondChance && marks != null && secondChances > 0 && marks.testAndClear(key)) {
          secondChances--;
          secondChance = true;
        }
        if (secondChance) {
          V value = eldest.getValue();
          it.remove();
          super.put(key, value); // to the newest end; evicting stops the nested removeEldestEntry
        } else {
          it.remove();
          removed++;
        }
      }
    } finally {
      evicting = false;
    }
    return removed;
  }

  /** A clone is bounded by the same rule, with marks of its own. */
  @Override
  public Object clone() {
    BoundedLinkedHashMap<?, ?> copy = (BoundedLinkedHashMap<?, ?>) super.clone();
    copy.marks = marks == null ? null : new AccessMarks(Bounds.maxEntries(rule));
    copy.evicting = false;
    copy.bytes = new ByteBudget();
    return copy;
  }

  private Object writeReplace() {
    return new LinkedHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain LinkedHashMap");
  }
}
