package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.LocalCounter;
import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

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
  private final transient boolean lru;
  private transient boolean evicting; // fifo: re-insertions of the newest must not evict
  private transient boolean inserted; // set by removeEldestEntry: the last write inserted a key
  private transient @Nullable MapClock clock; // lru: made from half the bound on (MapClock.due)
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private transient @Nullable LocalCounter evictions; // fifo: made at the first eviction

  BoundedLinkedHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.lru = lru;
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable V get(Object key) {
    V value = super.get(key);
    MapClock c = clock;
    if (value != null && c != null) {
      c.read(key, rule);
    }
    return value;
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    MapClock c = clock;
    if (c == null) {
      return super.getOrDefault(key, defaultValue);
    }
    V value = super.get(key);
    if (value != null) {
      c.read(key, rule);
      return value;
    }
    return super.getOrDefault(key, defaultValue);
  }

  @Override
  public V put(K key, V value) {
    ValueBounds.stored(rule, value);
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
    inserted = false;
    V previous = super.put(key, value);
    afterWrite(key, inserted, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
    inserted = false;
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, inserted, true);
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
    inserted = false;
    V value = super.computeIfAbsent(key, ValueBounds.creating(rule, mappingFunction, lru));
    if (inserted) {
      ByteBudget.sampleIfAny(bytes(), rule, key, value);
    }
    afterWrite(key, inserted, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, lru));
    afterWrite(key, false, value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    inserted = false;
    V value = super.compute(key, ValueBounds.creating(rule, remappingFunction, lru));
    if (inserted) {
      ByteBudget.sampleIfAny(bytes(), rule, key, value);
    }
    afterWrite(key, inserted, value != null);
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    inserted = false;
    V merged =
        super.merge(
            key,
            ValueBounds.created(rule, value, lru),
            ValueBounds.creating(rule, remappingFunction, lru));
    if (inserted) {
      ByteBudget.sampleIfAny(bytes(), rule, key, merged);
    }
    afterWrite(key, inserted, merged != null);
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
  private void afterWrite(K key, boolean insertedNow, boolean presentAfter) {
    if (!lru) {
      return;
    }
    MapClock c = MapClock.afterWrite(clock, this, key, insertedNow, presentAfter, bytes, rule);
    if (c != clock) {
      clock = c;
    }
  }

  /** Counts fifo's evictions (lru's are counted by the CLOCK). */
  private void countEvictions(int count) {
    if (evictions == null) {
      evictions = Evictions.counter(rule, this);
    }
    Evictions.add(evictions, count, this);
  }

  private @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
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
    inserted = true;
    if (lru) {
      return false; // lru evicts in afterWrite, knowing the key inserted
    }
    try {
      long max = ByteBudget.maxEntriesOf(bytes, rule);
      if (size() <= max) {
        return false;
      }
      if (size() - 1 == max && max > 0) {
        countEvictions(1);
        return true; // the usual step: LinkedHashMap removes the eldest itself
      }
      int removed = removeEldest(max, true); // the bound fell by more than one
      if (removed > 0) {
        countEvictions(removed);
      }
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
      if (lru) {
        if (clock == null) {
          clock = MapClock.of(this, KeyRing.HOLE, max);
        }
        dropped = clock.evictTo(this, max, -1);
      } else {
        dropped = removeEldest(max, false);
      }
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
    copy.clock = clock == null ? null : clock.copy(Bounds.maxEntries(rule));
    copy.evictions = null;
    copy.evicting = false;
    copy.bytes = null;
    return copy;
  }

  private Object writeReplace() {
    return new LinkedHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain LinkedHashMap");
  }
}
