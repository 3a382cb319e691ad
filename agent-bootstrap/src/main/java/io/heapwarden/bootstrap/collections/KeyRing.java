package io.heapwarden.bootstrap.collections;

import java.util.Arrays;

/**
 * The CLOCK of a bounded map that is not thread-safe: a circle of slots, one per key of the map,
 * and a hand that sweeps it. Each slot keeps its key and the spread hash its access mark is found
 * by, computed once when the key arrives, so turning the CLOCK never calls a key's {@code hashCode}
 * (which may be costly) nor touches the key object.
 *
 * <p>Keys stay in their slots: a second chance only moves the hand past a marked slot, and a new
 * key takes the slot of the key it evicts, just behind the hand, where the hand comes last. So an
 * eviction stores one key and one hash, whatever the number of second chances. That matters under
 * G1: the slots soon live in the old generation, and each store of a key into them pays a StoreLoad
 * fence in the write barrier.
 *
 * <p>A key the map no longer holds (the service removed it) stays in its slot, stale, until the
 * hand reaches it or the ring is rebuilt; a slot emptied without a key to put in it holds {@link
 * #HOLE}. Grows like an {@code ArrayList}; no allocation at steady state.
 */
class KeyRing {
  /** The key of an emptied slot: equal to no key, so removing it from the map removes nothing. */
  static final Object HOLE = new Object();

  private Object[] keys;
  private int[] hashes;
  private int slots; // slots in use: [0, slots)
  private int hand; // the slot the hand looks at next

  /** A ring with room for {@code capacity} slots before it grows. */
  KeyRing(int capacity) {
    keys = new Object[Math.max(1, capacity)];
    hashes = new int[keys.length];
  }

  /** A copy of {@code ring}: the same slots and hand. */
  KeyRing(KeyRing ring) {
    keys = ring.keys.clone();
    hashes = ring.hashes.clone();
    slots = ring.slots;
    hand = ring.hand;
  }

  int slots() {
    return slots;
  }

  /** A key that joins the ring without evicting another: a new slot, at the end. */
  void append(Object key, int hash) {
    if (slots == keys.length) {
      int grown = slots + Math.max(1, slots >> 1); // by half, like an ArrayList
      keys = Arrays.copyOf(keys, grown);
      hashes = Arrays.copyOf(hashes, grown);
    }
    keys[slots] = key;
    hashes[slots] = hash;
    slots++;
  }

  /**
   * Moves the hand to the first slot not marked, clearing the marks it passes (their second
   * chances), and returns that slot, the victim; the hand then points past it. The ring must not be
   * empty. The usual cases, the hand's slot unmarked or only it marked, take no data-dependent
   * branch: a branch on a mark is mispredicted about every other time, which cost more than the
   * rest of an eviction.
   */
  int sweep(long[] marks) {
    int first = hand;
    int second = next(first);
    int firstMarked = AccessMarks.testAndClearBit(marks, hashes[first]);
    int secondMarked = AccessMarks.bit(marks, hashes[second]);
    if ((firstMarked & secondMarked) != 0) {
      return sweepFrom(second, marks);
    }
    int victim = firstMarked == 0 ? first : second;
    hand = next(victim);
    return victim;
  }

  /** {@link #sweep} past several marked slots: after one lap every mark it passed is clear. */
  private int sweepFrom(int slot, long[] marks) {
    for (int step = 0; step < slots; step++) {
      if (AccessMarks.testAndClearBit(marks, hashes[slot]) == 0) {
        break;
      }
      slot = next(slot);
    }
    hand = next(slot);
    return slot;
  }

  /**
   * The slot at the hand, one step at a time; the hand moves past it. The ring must not be empty.
   */
  int advance() {
    int slot = hand;
    hand = next(slot);
    return slot;
  }

  Object keyAt(int slot) {
    return keys[slot];
  }

  int hashAt(int slot) {
    return hashes[slot];
  }

  void set(int slot, Object key, int hash) {
    keys[slot] = key;
    hashes[slot] = hash;
  }

  /** Empties a slot whose key left the map and no key replaces. */
  void vacate(int slot) {
    keys[slot] = HOLE;
    hashes[slot] = 0;
  }

  void clear() {
    Arrays.fill(keys, 0, slots, null);
    slots = 0;
    hand = 0;
  }

  private int next(int slot) {
    int next = slot + 1;
    return next == slots ? 0 : next;
  }
}
