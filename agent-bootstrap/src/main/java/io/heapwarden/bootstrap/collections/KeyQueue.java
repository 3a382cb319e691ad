package io.heapwarden.bootstrap.collections;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The eviction order of a {@link BoundedConcurrentHashMap}: a lock-free queue of its keys, the
 * queue's length (its own {@code size()} is O(n); a {@code LongAdder}, as writers would contend on
 * one counter), the flag of the one compaction at a time, and under {@code lru} the access marks.
 * An {@code lru} map makes it only when it first reaches half its bound (see {@link MapClock#due}):
 * below, there is nothing to evict, and these objects would cost more than a small map.
 */
final class KeyQueue<K> {
  final ConcurrentLinkedQueue<K> order = new ConcurrentLinkedQueue<>();
  final LongAdder queued = new LongAdder();
  final AtomicBoolean compacting = new AtomicBoolean();
  final @Nullable AccessMarks marks; // null under fifo

  KeyQueue(boolean lru, long maxEntries) {
    this.marks = lru ? AccessMarks.spread(maxEntries) : null;
  }
}
