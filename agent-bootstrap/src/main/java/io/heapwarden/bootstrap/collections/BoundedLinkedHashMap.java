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
 * LinkedHashMap} in insertion order that evicts entries when it holds more than the rule's live
 * {@code max-entries}. Not thread-safe, exactly like the map it replaces: it takes no lock.
 *
 * <p>Every insertion, through any method ({@code put}, {@code putIfAbsent}, {@code putAll}, {@code
 * compute*}, {@code merge}; the views of a {@code HashMap} cannot insert), evicts while the size is
 * above the bound read at that moment; so a lowered limit shrinks the map on its next insertion.
 * The entry just inserted is never the one evicted unless the bound is 0. Iteration is always in
 * insertion order, under both evictions.
 *
 * <p>{@code fifo}: the eldest inserted entry goes first.
 *
 * <p>{@code lru}: the CLOCK of {@link MapClock}; an access marks a key and never moves an entry.
 * Access means: {@code get} and {@code getOrDefault} finding a non-null value, and {@code put},
 * {@code putIfAbsent}, {@code replace}, {@code compute*} and {@code merge} on a key already present
 * that stays present. {@code containsKey}, {@code containsValue} and iteration are not access (a
 * check, or a scan of everything). A plain {@code HashMap} under {@code lru} gets a {@link
 * BoundedHashMap} instead, which spares the links of insertion order.
 *
 * <p>Evictions are counted per map ({@link Evictions}).
 *
 * <p>Serializes as a plain {@code LinkedHashMap} copy, so no agent class is needed to read it.
 */
public final class BoundedLinkedHashMap<K, V> extends LinkedHashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient MapClock clock; // null under fifo
  private transient ByteBudget bytes = new ByteBudget();
  private transient Evictions evictions;
  private transient boolean evicting; // fifo: re-insertions of the newest must not evict
  private transient int insertions; // tells an update of a present key from an insertion

  BoundedLinkedHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.clock = lru ? new MapClock(rule) : null;
    this.evictions = new Evictions(rule);
  }

  private boolean lru() {
    return clock != null;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public V get(Object key) {
    V value = super.get(key);
    if (value != null && clock != null) {
      clock.read(key);
    }
    return value;
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    if (clock == null) {
      return super.getOrDefault(key, defaultValue);
    }
    V value = super.get(key);
    if (value != null) {
      clock.read(key);
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
    afterWrite(key, before, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    bytes.sample(rule, key, value);
    int before = insertions;
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, before, true);
    return previous;
  }

  /** {@code HashMap.putAll} inserts without calling {@code put}: one by one, each is seen. */
  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public V replace(K key, V value) {
    V previous = super.replace(key, value);
    afterWrite(key, insertions, previous != null);
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    boolean replaced = super.replace(key, oldValue, newValue);
    afterWrite(key, insertions, replaced);
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    int before = insertions;
    V value = super.computeIfAbsent(key, ValueBounds.creating(rule, mappingFunction, lru()));
    if (insertions != before) {
      bytes.sample(rule, key, value);
    }
    afterWrite(key, before, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, lru()));
    afterWrite(key, insertions, value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    int before = insertions;
    V value = super.compute(key, ValueBounds.creating(rule, remappingFunction, lru()));
    if (insertions != before) {
      bytes.sample(rule, key, value);
    }
    afterWrite(key, before, value != null);
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
    afterWrite(key, before, merged != null);
    return merged;
  }

  @Override
  public void clear() {
    super.clear();
    if (clock != null) {
      clock.clear();
    }
  }

  /**
   * After a write of {@code key}: under {@code lru}, an insertion joins the CLOCK and evicts, and a
   * write of a key that was present and stays present marks it. ({@code fifo} evicts in {@link
   * #removeEldestEntry}.)
   */
  private void afterWrite(K key, int insertionsBefore, boolean presentAfter) {
    if (clock == null) {
      return;
    }
    try {
      if (insertions != insertionsBefore) {
        evictions.add(clock.inserted(this, key, bytes.maxEntries(rule)));
      } else if (presentAfter) {
        clock.updated(key);
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
  }

  /**
   * Called by {@code LinkedHashMap} after every insertion of a new key, the newest entry last:
   * counts it, and under {@code fifo} evicts.
   */
  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    if (evicting) {
      return false;
    }
    insertions++;
    if (clock != null) {
      return false; // lru evicts in afterWrite, knowing the key inserted
    }
    try {
      long max = bytes.maxEntries(rule);
      if (size() <= max) {
        return false;
      }
      if (size() - 1 == max && max > 0) {
        evictions.add(1);
        return true; // the usual step: LinkedHashMap removes the eldest itself
      }
      evictions.add(removeEldest(max, true)); // the bound fell by more than one
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
    return false;
  }

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      long max = Math.max(0, maxEntries);
      dropped = clock == null ? removeEldest(max, false) : clock.evictTo(this, max, -1);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  /**
   * {@code fifo}: removes the eldest entries until at most {@code max} remain. With {@code
   * protectNewest}, the newest entry (the one just inserted) is moved rather than removed when it
   * becomes the eldest, unless {@code max} is 0.
   */
  private int removeEldest(long max, boolean protectNewest) {
    int removed = 0;
    int aheadOfNewest = protectNewest && max > 0 ? size() - 1 : -1; // each step shifts it by one
    evicting = true;
    try {
      while (size() > max) {
        Iterator<Map.Entry<K, V>> it = entrySet().iterator();
        Map.Entry<K, V> eldest = it.next();
        K key = eldest.getKey();
        if (aheadOfNewest-- == 0) {
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

  /** A clone is bounded by the same rule, with a CLOCK and an eviction count of its own. */
  @Override
  public Object clone() {
    BoundedLinkedHashMap<?, ?> copy = (BoundedLinkedHashMap<?, ?>) super.clone();
    copy.clock = clock == null ? null : clock.copy();
    copy.evictions = new Evictions(rule);
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
