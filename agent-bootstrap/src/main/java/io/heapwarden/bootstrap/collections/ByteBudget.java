package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.size.SizeEstimator;
import org.jspecify.annotations.Nullable;

/**
 * A bounded collection's {@code max-bytes}, turned into a number of entries: the collection keeps a
 * running average of the estimated bytes per entry, from a sample of its insertions, and its
 * estimated size is its entry count times that average. So the bound by bytes is enforced by the
 * same eviction as the bound by entries, with {@code max-bytes / bytesPerEntry} entries.
 *
 * <p>Sampling keeps insertions cheap: nothing at all while the rule sets no {@code max-bytes}; else
 * the first {@link #WARM_UP} insertions are estimated, then one in {@link #SAMPLE_EVERY}. The
 * average weighs the samples equally during the warm-up, then as an exponential moving average over
 * about the last {@link #WARM_UP} samples, so it follows contents that change. Thread-safe
 * collections share one budget between their writers without locking: a lost update of the sample
 * counter or of the average only shifts which insertion is sampled.
 *
 * <p>A collection makes its budget only when its rule first sets {@code max-bytes} ({@link
 * #ifLimited}); until then it has none, and {@link #maxEntriesOf(ByteBudget, Rule)} is the entry
 * bound. Every field starts at zero, so a budget published racily to another writer is still a
 * valid, empty one.
 */
final class ByteBudget {
  static final int WARM_UP = 16;
  static final int SAMPLE_EVERY = 8; // a power of two

  private int writes; // racy under concurrent writers, by design
  private int samples;
  private volatile long bytesPerEntry; // 0 until the first sample

  // The last max-bytes / bytesPerEntry, so that an insertion does not pay a division each time
  // (bytesPerEntry is never 0 when it is used).
  private long dividedBytes;
  private long dividedBy;
  private long quotient;

  /** A new budget when {@code rule} sets {@code max-bytes} now, else null. */
  static @Nullable ByteBudget ifLimited(Rule rule) {
    return rule.limit(Limit.MAX_BYTES) == Limit.UNSET ? null : new ByteBudget();
  }

  /** {@link #sample(Rule, Object, Object)} on {@code budget} if there is one. */
  static void sampleIfAny(
      @Nullable ByteBudget budget, Rule rule, @Nullable Object key, @Nullable Object value) {
    if (budget != null) {
      budget.sample(rule, key, value);
    }
  }

  /** {@link #maxEntries(Rule)} of {@code budget}, or the entry bound when there is none. */
  static long maxEntriesOf(@Nullable ByteBudget budget, Rule rule) {
    return budget == null ? Bounds.maxEntries(rule) : budget.maxEntries(rule);
  }

  /** Called on an insertion or update with what it stored (a map entry's key and value). */
  void sample(Rule rule, @Nullable Object key, @Nullable Object value) {
    if (due(rule)) {
      record(rule, key, value);
    }
  }

  /**
   * Counts a write and tells whether it is one to sample; for a caller that must look up what was
   * stored, only then.
   */
  boolean due(Rule rule) {
    if (rule.limit(Limit.MAX_BYTES) == Limit.UNSET) {
      return false;
    }
    int n = writes++;
    return samples < WARM_UP || (n & (SAMPLE_EVERY - 1)) == 0;
  }

  /** Adds the estimated size of an entry to the average. */
  void record(Rule rule, @Nullable Object key, @Nullable Object value) {
    try {
      long bytes = SizeEstimator.estimate(key) + SizeEstimator.estimate(value);
      int s = samples < WARM_UP ? ++samples : WARM_UP;
      long average = bytesPerEntry;
      long updated = Math.max(1, average == 0 ? bytes : average + (bytes - average) / s);
      if (updated != average) { // contents of a steady size write nothing
        bytesPerEntry = updated;
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  /**
   * The number of entries to keep now: the entry bound, or fewer when the rule's live {@code
   * max-bytes} divided by the average entry size is smaller.
   */
  long maxEntries(Rule rule) {
    long max = Bounds.maxEntries(rule);
    long perEntry = bytesPerEntry; // 0 as long as nothing was sampled: no max-bytes ever set
    if (perEntry <= 0) {
      return max;
    }
    long maxBytes = Bounds.maxBytes(rule);
    return maxBytes == Long.MAX_VALUE ? max : Math.min(max, entriesFor(maxBytes, perEntry));
  }

  /**
   * {@code maxBytes / perEntry}, reusing the last quotient. Under concurrent writers a reader may
   * pair it with the previous average: a bound off by the last change of the average, for a while.
   */
  private long entriesFor(long maxBytes, long perEntry) {
    if (maxBytes != dividedBytes || perEntry != dividedBy) {
      quotient = maxBytes / perEntry;
      dividedBytes = maxBytes;
      dividedBy = perEntry;
    }
    return quotient;
  }

  /** The average estimated bytes per entry, 0 before the first sample. */
  long bytesPerEntry() {
    return bytesPerEntry;
  }

  /** The estimated retained size of {@code entries} entries. */
  long estimatedBytes(long entries) {
    return entries * bytesPerEntry;
  }
}
