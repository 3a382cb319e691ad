package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code lru} eviction of a bounded map that is not thread-safe: CLOCK (second chance), rather
 * than access order, because access order would make {@code get} a structural modification (a
 * {@code ConcurrentModificationException} in {@code for (k : keySet()) get(k)}, corruption under a
 * shared read lock). An access sets a mark in {@link AccessMarks}, leaving the map alone. The CLOCK
 * is a {@link KeyRing}: a slot per key beside the map, and a hand. Eviction moves the hand past
 * marked slots, clearing their marks (their second chance: nothing moves, in the ring or in the
 * map), and removes the key of the first unmarked slot from the map with the map's own {@code
 * remove}; the key just inserted takes that slot, where the hand comes last. After one lap every
 * mark is clear, so an eviction ends. Keys removed by the service stay in their slots until the
 * hand reaches them (removing them again removes nothing) or until the ring, grown to twice the
 * map's size, is rebuilt from the map.
 *
 * <p>The map calls {@link #read} when a lookup finds a value, {@link #inserted} after each new key
 * and {@link #updated} after a write of a key that was present; the methods that evict return how
 * many entries they removed, for the map to count.
 */
final class MapClock {
  private final Rule rule;
  private AccessMarks marks;
  private KeyRing ring = new KeyRing();
  private long markedFor = -1; // the bound the marks were last sized for

  MapClock(Rule rule) {
    this.rule = rule;
    this.marks = new AccessMarks(Bounds.maxEntries(rule));
  }

  /** A lookup found {@code key}: marks it. Never throws: a failure disables the rule. */
  void read(Object key) {
    try {
      marks.markAlone(key);
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /** A write of {@code key}, present before and after: marks it. */
  void updated(Object key) {
    marks.mark(key);
  }

  /**
   * {@code key} was just inserted into {@code map}, which may keep {@code max} entries: below the
   * bound the key gets a new slot; at the bound it takes the slot of the key the hand evicts.
   */
  int inserted(Map<?, ?> map, Object key, long max) {
    int hash = AccessMarks.hash(key);
    if (map.size() <= max || ring.slots() == 0) {
      ring.append(key, hash);
      rebuildIfMostlyStale(map);
      return map.size() > max ? evictTo(map, max, ring.slots() - 1) : 0;
    }
    fitMarks(max);
    int victim = ring.sweep(marks);
    Object evicted = ring.keyAt(victim);
    boolean staleTwin = ring.hashAt(victim) == hash && Objects.equals(evicted, key);
    ring.set(victim, key, hash);
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
    for (long steps = 3L * ring.slots(); map.size() > max && steps > 0; steps--) {
      int slot = ring.advance();
      Object key = ring.keyAt(slot);
      if (key == KeyRing.HOLE
          || (slot == protectedSlot && max > 0)
          || marks.testAndClearBit(ring.hashAt(slot)) != 0) {
        continue;
      }
      ring.vacate(slot);
      removed += remove(map, key);
    }
    return removed;
  }

  void clear() {
    ring.clear();
  }

  /** The CLOCK of a clone of the map: the same slots, marks of its own. */
  MapClock copy() {
    MapClock copy = new MapClock(rule);
    copy.ring = ring.copy();
    return copy;
  }

  /** 1 if {@code key} was in the map, 0 for a stale key. */
  private static int remove(Map<?, ?> map, Object key) {
    int sizeBefore = map.size();
    map.remove(key);
    return sizeBefore - map.size();
  }

  private void fitMarks(long max) {
    if (max != markedFor) {
      marks.fitTo(max);
      markedFor = max;
    }
  }

  /** Rebuilds the ring from the map (in its order) once stale keys make it twice as long. */
  private void rebuildIfMostlyStale(Map<?, ?> map) {
    if (ring.slots() > 2 * map.size() + 64) {
      ring.clear();
      for (Object key : map.keySet()) {
        ring.append(key, AccessMarks.hash(key));
      }
    }
  }
}
