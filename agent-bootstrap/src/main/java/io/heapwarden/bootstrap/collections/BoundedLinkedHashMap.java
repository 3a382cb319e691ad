package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.LocalCounter;
import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 * <p>{@code lru}, approximated by CLOCK (second chance), because access order would make {@code
 * get} a structural modification (a {@code ConcurrentModificationException} in {@code for (k :
 * keySet()) get(k)}, corruption under a shared read lock). An access sets a mark in {@link
 * AccessMarks}, leaving the structure alone. The CLOCK is a {@link KeyRing}: a slot per key beside
 * the map, and a hand. Eviction moves the hand past marked slots, clearing their marks (their
 * second chance: nothing moves, in the ring or in the map), and removes the key of the first
 * unmarked slot from the map; the key just inserted takes that slot, where the hand comes last.
 * After one lap every mark is clear, so an eviction ends. Keys removed by the service stay in their
 * slots until the hand reaches them (removing them again removes nothing) or until the ring, grown
 * to twice the map's size, is rebuilt from the map. Access means: {@code get} and {@code
 * getOrDefault} finding a non-null value, and {@code put}, {@code putIfAbsent}, {@code replace},
 * {@code compute*} and {@code merge} on a key already present that stays present. {@code
 * containsKey}, {@code containsValue} and iteration are not access (a check, or a scan of
 * everything).
 *
 * <p>Evictions are counted on a {@link LocalCounter} of the map's own: a plain add rather than an
 * atomic one, since the map's users already take turns.
 *
 * <p>Serializes as a plain {@code LinkedHashMap} copy, so no agent class is needed to read it.
 */
public final class BoundedLinkedHashMap<K, V> extends LinkedHashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient AccessMarks marks; // null under fifo
  private transient KeyRing clock; // lru: the CLOCK's ring of keys; null under fifo
  private transient ByteBudget bytes = new ByteBudget();
  private transient boolean evicting; // fifo: re-insertions of the newest must not evict
  private transient int insertions; // tells an update of a present key from an insertion
  private transient long markedFor = -1; // lru: the bound the marks were last sized for
  private transient LocalCounter evictions; // made at the first eviction: most maps never evict

  BoundedLinkedHashMap(Rule rule, boolean lru) {
    this.rule = rule;
    this.marks = lru ? new AccessMarks(Bounds.maxEntries(rule)) : null;
    this.clock = lru ? new KeyRing() : null;
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
    if (marks == null) {
      return;
    }
    try {
      if (insertions != insertionsBefore) {
        joinClock(key);
      } else if (presentAfter) {
        marks.mark(key);
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the entry and goes on unbounded
    }
  }

  /**
   * {@code lru}: the key just inserted joins the CLOCK. Below the bound it gets a new slot; at the
   * bound it takes the slot of the key the hand evicts.
   */
  private void joinClock(K key) {
    int hash = AccessMarks.hash(key);
    long max = bytes.maxEntries(rule);
    if (size() <= max || clock.slots() == 0) {
      clock.append(key, hash);
      compactIfMostlyStale();
      if (size() > max) {
        countEvicted(clockEvict(max, clock.slots() - 1));
      }
      return;
    }
    fitMarks(max);
    int victim = clock.sweep(marks);
    Object evicted = clock.keyAt(victim);
    boolean staleTwin = clock.hashAt(victim) == hash && Objects.equals(evicted, key);
    clock.set(victim, key, hash);
    int removed = staleTwin ? 0 : removeKey(evicted);
    if (size() > max) { // the victim was stale, or the bound fell by more than one
      removed += clockEvict(max, victim);
    }
    countEvicted(removed);
  }

  /**
   * {@code lru}: turns the CLOCK until at most {@code max} entries remain, emptying the slots of
   * the keys it removes; returns how many it removed. The key in {@code protectedSlot} (the one
   * just inserted, or -1 for none) is passed over unless {@code max} is 0. Ends after three laps
   * whatever happens, so a ring out of step with the map cannot loop forever.
   */
  private int clockEvict(long max, int protectedSlot) {
    fitMarks(max);
    int removed = 0;
    for (long steps = 3L * clock.slots(); size() > max && steps > 0; steps--) {
      int slot = clock.advance();
      Object key = clock.keyAt(slot);
      if (key == KeyRing.HOLE
          || (slot == protectedSlot && max > 0)
          || marks.testAndClearBit(clock.hashAt(slot)) != 0) {
        continue;
      }
      clock.vacate(slot);
      removed += removeKey(key);
    }
    return removed;
  }

  /** Counts evictions on this map's own counter: a plain add, no atomic instruction. */
  private void countEvicted(int count) {
    if (count > 0) {
      LocalCounter counter = evictions;
      if (counter == null) {
        evictions = counter = rule.localCounter(Action.EVICTED, this);
      }
      counter.add(count);
      Reference.reachabilityFence(this); // the rule takes a gone map's count as final
    }
  }

  /** Removes {@code key} from the map: 1 if it was there, 0 for a stale key. */
  private int removeKey(Object key) {
    int sizeBefore = size();
    super.remove(key);
    return sizeBefore - size();
  }

  private void fitMarks(long max) {
    if (max != markedFor) {
      marks.fitTo(max);
      markedFor = max;
    }
  }

  private void markAccess(Object key) {
    try {
      marks.markAlone(key);
    } catch (Throwable t) {
      rule.fail(t);
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
    if (marks != null) {
      return false; // lru evicts in afterWrite, knowing the key inserted
    }
    try {
      long max = bytes.maxEntries(rule);
      if (size() <= max) {
        return false;
      }
      if (size() - 1 == max && max > 0) {
        countEvicted(1);
        return true; // the usual step: LinkedHashMap removes the eldest itself
      }
      countEvicted(removeEldest(max, true)); // the bound fell by more than one
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
      dropped = marks == null ? removeEldest(max, false) : clockEvict(max, -1);
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

  /** Rebuilds the ring from the map (insertion order) once stale keys make it twice as long. */
  private void compactIfMostlyStale() {
    if (clock.slots() > 2 * size() + 64) {
      clock.clear();
      for (K key : keySet()) {
        clock.append(key, AccessMarks.hash(key));
      }
    }
  }

  /** A clone is bounded by the same rule, with marks and a ring of its own. */
  @Override
  public Object clone() {
    BoundedLinkedHashMap<?, ?> copy = (BoundedLinkedHashMap<?, ?>) super.clone();
    copy.marks = marks == null ? null : new AccessMarks(Bounds.maxEntries(rule));
    copy.markedFor = -1;
    copy.evictions = null;
    copy.clock = clock == null ? null : clock.copy();
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
