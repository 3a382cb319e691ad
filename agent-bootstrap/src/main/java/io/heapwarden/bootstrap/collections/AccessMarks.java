package io.heapwarden.bootstrap.collections;

import org.jspecify.annotations.Nullable;

/**
 * The "accessed" bits of the CLOCK (second chance) approximation of LRU, shared by the bounded maps
 * and sets: a bitset indexed by a spread of the key's {@code hashCode}, about two bits per entry
 * the bound allows.
 *
 * <p>Marking never allocates and never touches the map's structure, so a read stays a read. Two
 * keys sharing a bit only give one of them an undeserved second chance. Readers update the words
 * with plain racy writes: a lost update only blurs the approximation, it never corrupts anything.
 */
final class AccessMarks {
  private static final int MIN_BITS = 64;
  private static final int MAX_BITS = 1 << 22; // 512 KiB: a bound of 2M entries, 256K spread
  private static final int GOLDEN = 0x9E3779B9;

  /** Replaced (marks lost) only by a writer when the bound changes; readers use any version. */
  private long[] words;

  /** log2 of the bits per entry the bound allows, over the default two. */
  private final int spread;

  AccessMarks(long maxEntries) {
    this(maxEntries, 0);
  }

  private AccessMarks(long maxEntries, int spread) {
    this.spread = spread;
    words = words(maxEntries, spread);
  }

  /**
   * The words of marks for a bound of {@code maxEntries}, two bits per entry: for a user that keeps
   * them in a field of its own ({@link MapClock}) and calls the static methods below on them.
   */
  static long[] words(long maxEntries) {
    return words(maxEntries, 0);
  }

  private static long[] words(long maxEntries, int spread) {
    return new long[bitsFor(maxEntries, spread) >>> 6];
  }

  /**
   * Marks for a map read by several threads at once: 16 bits per entry rather than 2, so that the
   * marks of a bound of 1000 span 32 cache lines rather than 4, and a reader setting a mark
   * invalidates another core's copy of the line it reads far less often.
   */
  static AccessMarks spread(long maxEntries) {
    return new AccessMarks(maxEntries, 3);
  }

  void mark(Object key) {
    mark(words, key);
  }

  /** Sets the mark of {@code key} in {@code w}, writing only when it was clear. */
  static void mark(long[] w, Object key) {
    int bit = index(hash(key), w);
    long mask = 1L << bit;
    if ((w[bit >>> 6] & mask) == 0) { // a read of a hot key does not write its cache line again
      w[bit >>> 6] |= mask;
    }
  }

  /** {@link #mark} for a map only one thread uses at a time: a store without a branch. */
  static void markAlone(long[] w, Object key) {
    int bit = index(hash(key), w);
    w[bit >>> 6] |= 1L << bit;
  }

  /**
   * Whether {@code key} was marked since the last call for it; clears the mark. Writes only when
   * the mark was set, so that a concurrent map's eviction does not dirty the cache lines its
   * readers share; {@link #testAndClearBit} is the branch-free variant for a map one thread uses at
   * a time.
   */
  boolean testAndClear(@Nullable Object key) {
    long[] w = words;
    int bit = index(hash(key), w);
    long mask = 1L << bit;
    long word = w[bit >>> 6];
    if ((word & mask) == 0) {
      return false;
    }
    w[bit >>> 6] = word & ~mask;
    return true;
  }

  /**
   * 1 if the key of {@code hash} was marked since the last call for it, else 0; clears the mark.
   * Branch-free, for the CLOCK's hand, where a mark is as likely set as not.
   */
  static int testAndClearBit(long[] w, int hash) {
    int bit = index(hash, w);
    long word = w[bit >>> 6];
    w[bit >>> 6] = word & ~(1L << bit);
    return (int) (word >>> bit) & 1;
  }

  /** 1 if the key of {@code hash} is marked, else 0; leaves the mark. */
  static int bit(long[] w, int hash) {
    int bit = index(hash, w);
    return (int) (w[bit >>> 6] >>> bit) & 1;
  }

  /**
   * Resizes to the current bound; called by writers before they evict. Shrinks only when the bound
   * fell to a quarter, so a bound that wavers (one derived from {@code max-bytes} and the average
   * entry size) does not drop the marks again and again.
   */
  void fitTo(long maxEntries) {
    words = fitted(words, maxEntries, spread);
  }

  /** {@code w}, or new words (marks lost) when the bound changed enough; see {@link #fitTo}. */
  static long[] fitted(long[] w, long maxEntries) {
    return fitted(w, maxEntries, 0);
  }

  private static long[] fitted(long[] w, long maxEntries, int spread) {
    int bits = bitsFor(maxEntries, spread);
    int current = w.length << 6;
    return bits > current || bits * 4 <= current ? new long[bits >>> 6] : w;
  }

  /** The spread hash of a key that selects its mark, whatever the size of the marks. */
  static int hash(@Nullable Object key) {
    return key == null ? 0 : key.hashCode() * GOLDEN;
  }

  private static int index(int hash, long[] w) {
    int log2Bits = Integer.numberOfTrailingZeros(w.length) + 6;
    return hash >>> (32 - log2Bits);
  }

  private static int bitsFor(long maxEntries, int spread) {
    if (maxEntries == Long.MAX_VALUE) {
      return MIN_BITS; // unbounded: no eviction reads the marks until a limit appears
    }
    long wanted = Math.max(1, maxEntries) << spread;
    if (wanted <= MIN_BITS / 2) {
      return MIN_BITS;
    }
    if (wanted >= MAX_BITS / 2) {
      return MAX_BITS;
    }
    return Integer.highestOneBit((int) (2 * wanted - 1)) << 1;
  }
}
