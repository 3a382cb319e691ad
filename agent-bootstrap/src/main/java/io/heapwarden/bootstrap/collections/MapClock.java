package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.LocalCounter;
import io.heapwarden.bootstrap.Rule;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code lru} eviction of a bounded map that is not thread-safe: CLOCK (second chance), rather
 * than access order, because access order would make {@code get} a structural modification (a
 * {@code ConcurrentModificationException} in {@code for (k : keySet()) get(k)}, corruption under a
 * shared read lock). An access sets a mark ({@link AccessMarks}' words, kept here), leaving the map
 * alone. The CLOCK is a {@link KeyRing} (it extends one, so that a map's CLOCK is one object and
 * its arrays): a slot per key beside the map, and a hand. Eviction moves the hand past marked
 * slots, clearing their marks (their second chance: nothing moves, in the ring or in the map), and
 * removes the key of the first unmarked slot from the map with the map's own {@code remove}; the
 * key just inserted takes that slot, where the hand comes last. After one lap every mark is clear,
 * so an eviction ends. Keys removed by the service stay in their slots until the hand reaches them
 * (removing them again removes nothing) or until the ring, grown to twice the map's size, is
 * rebuilt from the map.
 *
 * <p>The map calls {@link #read} when a lookup finds a value, {@link #inserted} after each new key
 * (which counts its evictions) and {@link #updated} after a write of a key that was present; {@link
 * #evictTo} returns how many entries it removed, for the caller to count as it should.
 */
final class MapClock extends KeyRing {
  private long[] marks; // AccessMarks' words: two bits per entry of the bound
  private long markedFor; // the bound the marks were last sized for
  private @Nullable LocalCounter evictions; // made at the first eviction

  private MapClock(int capacity, long max) {
    super(capacity);
    marks = AccessMarks.words(max);
    markedFor = max;
  }

  private MapClock(MapClock clock, long max) {
    super(clock);
    marks = AccessMarks.words(max);
    markedFor = max;
  }

  /**
   * Whether a map of {@code size} entries, which may keep {@code max}, needs its CLOCK yet: from
   * half its bound on. A map far below its bound has nothing to evict, so it carries no CLOCK (the
   * ring and the marks would cost more than the map); reads before then mark nothing.
   */
  static boolean due(int size, long max) {
    return size > max / 2;
  }

  /**
   * The CLOCK of {@code map}, made when it first becomes {@link #due}: a slot for each of its keys
   * in the map's order, but {@code newKey}, the key whose insertion made it due, which the caller
   * then passes to {@link #inserted}. The ring has room for the bound, so that it does not grow
   * before the map is full.
   */
  static MapClock of(Map<?, ?> map, Object newKey, long max) {
    return new MapClock(map, newKey, max);
  }

  /** {@link #of} if the map is {@link #due} after the insertion of {@code newKey}, else null. */
  static @Nullable MapClock ifDue(Map<?, ?> map, Object newKey, long max) {
    return due(map.size(), max) ? of(map, newKey, max) : null;
  }

  private MapClock(Map<?, ?> map, Object newKey, long max) {
    this((int) Math.min(Math.max(max, map.size()), 1 << 20), max);
    appendKeys(map, newKey);
  }

  /**
   * After a write of {@code key} to {@code map} under {@code lru}, whose CLOCK is {@code clock}
   * (null before the map became due): an insertion joins the CLOCK, made now if the map has just
   * become due, and evicts; a write of a key present before and after marks it. Returns the map's
   * CLOCK, null while it is not due. Never throws: a failure disables {@code rule}, and the map
   * keeps the entry and goes on unbounded. An {@link OutOfMemoryError} is not the rule's failure
   * but the heap's (typically the CLOCK made, or its marks refitted, when a memory emergency has
   * just scaled the bound down and the heap is full): the map is brought to its bound without the
   * CLOCK ({@link #evictInOrder}), which frees the memory the CLOCK is then made with on a later
   * write, and the rule stays on.
   */
  static @Nullable MapClock afterWrite(
      @Nullable MapClock clock,
      Map<?, ?> map,
      Object key,
      boolean inserted,
      boolean presentAfter,
      @Nullable ByteBudget bytes,
      Rule rule) {
    long max = Long.MAX_VALUE;
    try {
      if (inserted) {
        max = ByteBudget.maxEntriesOf(bytes, rule);
        MapClock c = clock != null ? clock : ifDue(map, key, max);
        if (c != null) {
          c.inserted(map, key, max, rule);
        }
        return c;
      }
      if (presentAfter && clock != null) {
        clock.updated(key);
      }
    } catch (OutOfMemoryError noRoom) {
      evictInOrder(map, key, max, rule);
    } catch (Throwable t) {
      rule.fail(t);
    }
    return clock;
  }

  /**
   * Brings {@code map} down to {@code max} entries without a CLOCK, allocating nothing but an
   * iterator: removes keys in the map's iteration order, passing over {@code newKey}, the one just
   * inserted, and counts them as evictions. Keys removed here that the CLOCK still holds are stale
   * slots, which it passes over. Never throws.
   */
  static void evictInOrder(Map<?, ?> map, Object newKey, long max, Rule rule) {
    int removed = 0;
    try {
      Iterator<?> keys = map.keySet().iterator();
      while (map.size() > max && keys.hasNext()) {
        if (!Objects.equals(keys.next(), newKey) || max == 0) {
          keys.remove();
          removed++;
        }
      }
    } catch (Throwable stillNoRoom) {
      // what is removed is removed; the next write tries again
    }
    try {
      Bounds.evicted(rule, removed);
    } catch (Throwable stillNoRoom) {
      // the count is lost, not the eviction
    }
  }

  /** A lookup found {@code key}: marks it. Never throws: a failure disables {@code rule}. */
  void read(Object key, Rule rule) {
    try {
      AccessMarks.markAlone(marks, key);
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /** A write of {@code key}, present before and after: marks it. */
  void updated(Object key) {
    AccessMarks.mark(marks, key);
  }

  /**
   * {@code key} was just inserted into {@code map}, which may keep {@code max} entries: below the
   * bound the key gets a new slot; at the bound it takes the slot of the key the hand evicts. The
   * evictions are counted on {@code rule}, on a counter of the map's own ({@link Evictions}).
   */
  void inserted(Map<?, ?> map, Object key, long max, Rule rule) {
    int evicted = insert(map, key, max);
    if (evicted > 0) {
      if (evictions == null) {
        evictions = Evictions.counter(rule, map);
      }
      Evictions.add(evictions, evicted, map);
    }
  }

  private int insert(Map<?, ?> map, Object key, long max) {
    int hash = AccessMarks.hash(key);
    if (map.size() <= max || slots() == 0) {
      append(key, hash);
      rebuildIfMostlyStale(map);
      return map.size() > max ? evictTo(map, max, slots() - 1) : 0;
    }
    fitMarks(max);
    int victim = sweep(marks);
    Object evicted = keyAt(victim);
    boolean staleTwin = hashAt(victim) == hash && Objects.equals(evicted, key);
    set(victim, key, hash);
    int removed = staleTwin ? 0 : remove(map, evicted);
    if (map.size() > max) { // the victim was stale, or the bound fell by more than one
      removed += evictTo(map, max, victim);
    }
    return removed;
  }

  /**
   * Turns the CLOCK until at most {@code max} entries remain, emptying the slots of the keys it
   * removes; returns how many it removed. The key in {@code protectedSlot} (the one just inserted,
   * or -1 for none) is passed over unless {@code max} is 0. Ends after three laps whatever happens,
   * so a ring out of step with the map cannot loop forever.
   */
  int evictTo(Map<?, ?> map, long max, int protectedSlot) {
    fitMarks(max);
    int removed = 0;
    for (long steps = 3L * slots(); map.size() > max && steps > 0; steps--) {
      int slot = advance();
      Object key = keyAt(slot);
      if (key == KeyRing.HOLE
          || (slot == protectedSlot && max > 0)
          || AccessMarks.testAndClearBit(marks, hashAt(slot)) != 0) {
        continue;
      }
      vacate(slot);
      removed += remove(map, key);
    }
    return removed;
  }

  /** The CLOCK of a clone of the map: the same slots, marks of its own. */
  MapClock copy(long max) {
    return new MapClock(this, max);
  }

  /** 1 if {@code key} was in the map, 0 for a stale key. */
  private static int remove(Map<?, ?> map, Object key) {
    int sizeBefore = map.size();
    map.remove(key);
    return sizeBefore - map.size();
  }

  private void fitMarks(long max) {
    if (max != markedFor) {
      marks = AccessMarks.fitted(marks, max);
      markedFor = max;
    }
  }

  /** Rebuilds the ring from the map (in its order) once stale keys make it twice as long. */
  private void rebuildIfMostlyStale(Map<?, ?> map) {
    if (slots() > 2 * map.size() + 64) {
      clear();
      appendKeys(map, KeyRing.HOLE);
    }
  }

  /**
   * Appends the keys of {@code map} in its order, but the first equal to {@code except}; without
   * making the map's key set view, which the map would keep.
   */
  private void appendKeys(Map<?, ?> map, Object except) {
    boolean[] skipping = {true};
    map.forEach(
        (key, value) -> {
          if (skipping[0] && Objects.equals(key, except)) {
            skipping[0] = false;
          } else {
            append(key, AccessMarks.hash(key));
          }
        });
  }
}
