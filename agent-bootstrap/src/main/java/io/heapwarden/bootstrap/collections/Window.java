package io.heapwarden.bootstrap.collections;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Trimming} needs from a bounded sequence or set: its size as the bound sees it, and a
 * way to drop entries from one end. Implemented by every bounded type of this family.
 */
interface Window {
  /** Drop from the head (the oldest end of a list or queue). */
  boolean HEAD = true;

  /** Drop from the tail (the oldest end after insertions at the head of a deque). */
  boolean TAIL = false;

  /**
   * The running average of its entries' estimated size, for {@code max-bytes}: made when the rule
   * first sets {@code max-bytes}, null until then.
   */
  @Nullable ByteBudget bytes();

  /** The number of entries the bound applies to; may be an estimate for concurrent queues. */
  int windowSize();

  /**
   * Drops up to {@code count} entries from the given end and returns how many it dropped (fewer
   * only when the collection ran empty, e.g. because a consumer took entries meanwhile).
   */
  int dropOldest(int count, boolean fromHead);
}
