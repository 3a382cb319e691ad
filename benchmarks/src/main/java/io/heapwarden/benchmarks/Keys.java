package io.heapwarden.benchmarks;

import java.util.SplittableRandom;

/**
 * A fixed sequence of keys drawn uniformly from twice the bound, so that at steady state about half
 * the lookups miss and every miss evicts: the "full and evicting" regime.
 */
final class Keys {
  static final int COUNT = 1 << 16;
  static final int MASK = COUNT - 1;

  private Keys() {}

  static Integer[] uniform(int maximumSize, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Integer[] keys = new Integer[COUNT];
    for (int i = 0; i < COUNT; i++) {
      keys[i] = random.nextInt(2 * maximumSize);
    }
    return keys;
  }
}
