package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bounded replacement of a plain {@link HashMap} under {@code lru}: a {@code HashMap} whose
 * {@link MapClock} evicts when it holds more than the rule's live {@code max-entries}. Not
 * thread-safe, exactly like the map it replaces: it takes no lock. Iteration order is a {@code
 * HashMap}'s, unspecified. ({@code fifo}, which needs the order of insertion, and every {@code
 * LinkedHashMap} get a {@link BoundedLinkedHashMap}.) Being no {@code LinkedHashMap} spares each
 * insertion and eviction the links of insertion order, which made up most of the cost of an
 * eviction over the hand-written LRU's.
 *
 * <p>Every insertion, through any method ({@code put}, {@code putIfAbsent}, {@code putAll}, {@code
 * compute*}, {@code merge}; the views of a {@code HashMap} cannot insert), is told by the size
 * growing, joins the CLOCK and evicts while the size is above the bound read at that moment; so a
 * lowered limit shrinks the map on its next insertion. The entry just inserted is never the one
 * evicted unless the bound is 0. Access, which marks a key: {@code get} and {@code getOrDefault}
 * finding a non-null value, and {@code put}, {@code putIfAbsent}, {@code replace}, {@code compute*}
 * and {@code merge} on a key already present that stays present. Evictions are counted per map
 * ({@link Evictions}).
 *
 * <p>Serializes as a plain {@code HashMap} copy, so no agent class is needed to read it.
 */
public final class BoundedHashMap<K, V> extends HashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable MapClock clock; // made from half the bound on (MapClock.due)
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes

  BoundedHashMap(Rule rule) {
    this.rule = rule;
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
    V value = super.get(key);
    if (value != null) {
      MapClock c = clock;
      if (c != null) {
        c.read(key, rule);
      }
      return value;
    }
    return super.getOrDefault(key, defaultValue);
  }

  @Override
  public V put(K key, V value) {
    ValueBounds.stored(rule, value);
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
    int sizeBefore = size();
    V previous = super.put(key, value);
    afterWrite(key, sizeBefore, true);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    ValueBounds.stored(rule, value);
    ByteBudget.sampleIfAny(bytes(), rule, key, value);
    int sizeBefore = size();
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, sizeBefore, true);
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
    V value = super.computeIfAbsent(key, ValueBounds.creating(rule, mappingFunction, true));
    if (size() > sizeBefore) {
      ByteBudget.sampleIfAny(bytes(), rule, key, value);
    }
    afterWrite(key, sizeBefore, value != null);
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    int sizeBefore = size();
    V value = super.computeIfPresent(key, ValueBounds.creating(rule, remappingFunction, true));
    afterWrite(key, sizeBefore, value != null);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    int sizeBefore = size();
    V value = super.compute(key, ValueBounds.creating(rule, remappingFunction, true));
    if (size() > sizeBefore) {
      ByteBudget.sampleIfAny(bytes(), rule, key, value);
    }
    afterWrite(key, sizeBefore, value != null);
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    int sizeBefore = size();
    V merged =
        super.merge(
            key,
            ValueBounds.created(rule, value, true),
            ValueBounds.creating(rule, remappingFunction, true));
    if (size() > sizeBefore) {
      ByteBudget.sampleIfAny(bytes(), rule, key, merged);
    }
    afterWrite(key, sizeBefore, merged != null);
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
   * After a write of {@code key}: an insertion (the size grew) joins the CLOCK and evicts; a write
   * of a key that was present and stays present marks it.
   */
  private void afterWrite(K key, int sizeBefore, boolean presentAfter) {
    MapClock c =
        MapClock.afterWrite(clock, this, key, size() > sizeBefore, presentAfter, bytes, rule);
    if (c != clock) {
      clock = c;
    }
  }

  private @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
  }

  @Override
  public int trimTo(long maxEntries) {
    int dropped = 0;
    try {
      long max = Math.max(0, maxEntries);
      if (clock == null) {
        clock = MapClock.of(this, KeyRing.HOLE, max);
      }
      dropped = clock.evictTo(this, max, -1);
    } catch (Throwable t) {
      rule.fail(t);
    }
    Bounds.trimmed(rule, dropped);
    return dropped;
  }

  /** A clone is bounded by the same rule, with a CLOCK and a count of its own. */
  @Override
  public Object clone() {
    BoundedHashMap<?, ?> copy = (BoundedHashMap<?, ?>) super.clone();
    copy.clock = clock == null ? null : clock.copy(Bounds.maxEntries(rule));
    copy.bytes = null;
    return copy;
  }

  private Object writeReplace() {
    return new HashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded map serializes as a plain HashMap");
  }
}
