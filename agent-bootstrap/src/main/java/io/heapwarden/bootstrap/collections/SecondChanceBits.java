package io.heapwarden.bootstrap.collections;

import java.util.Objects;

/**
 * The "accessed" marks of a CLOCK (second chance) approximation of least-recently-used: one bit per
 * slot of a {@code long[]}, a slot chosen by a spread of the element's hash code, about twice as
 * many slots as the bound. Marking is a plain racy write so that readers, which may run on any
 * thread, never modify the set; a lost or shared mark only blurs the approximation.
 */
final class SecondChanceBits {
  private static final int MIN_BITS = 64;
  private static final int MAX_BITS = 1 << 20;

  private long[] words;

  SecondChanceBits(long bound) {
    words = new long[bitsFor(bound) >>> 6];
  }

  /** Resizes (forgetting marks) when the bound moved to another power of two. */
  void fitTo(long bound) {
    int bits = bitsFor(bound);
    if (bits != words.length << 6) {
      words = new long[bits >>> 6];
    }
  }

  void mark(Object element) {
    long[] w = words;
    int slot = slot(element, w);
    w[slot >>> 6] |= 1L << slot;
  }

  /** Clears the element's mark; true when it was marked (the element gets its second chance). */
  boolean clearIfMarked(Object element) {
    long[] w = words;
    int slot = slot(element, w);
    long bit = 1L << slot;
    if ((w[slot >>> 6] & bit) == 0) {
      return false;
    }
    w[slot >>> 6] &= ~bit;
    return true;
  }

  private static int slot(Object element, long[] w) {
    int h = Objects.hashCode(element) * 0x9E3779B9;
    return (h ^ (h >>> 16)) & ((w.length << 6) - 1);
  }

  private static int bitsFor(long bound) {
    long wanted = bound >= MAX_BITS / 2 ? MAX_BITS : Math.max(MIN_BITS, bound * 2);
    return Integer.highestOneBit((int) wanted - 1) << 1;
  }
}
