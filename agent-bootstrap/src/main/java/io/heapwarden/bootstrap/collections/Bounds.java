package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;

/** How a bounded collection reads its rule: the live entry limit, and guarded eviction. */
public final class Bounds {
  private Bounds() {}

  /**
   * The number of entries to keep now: the rule's {@code max-entries} (scaled down while the
   * pressure guard declares an emergency), or {@link Long#MAX_VALUE} when it sets none or is
   * disabled (a disabled rule leaves the collection to grow as before).
   */
  public static long maxEntries(Rule rule) {
    if (!rule.enabled()) {
      return Long.MAX_VALUE;
    }
    long max = rule.limit(Limit.MAX_ENTRIES);
    return max == Limit.UNSET ? Long.MAX_VALUE : MemoryPressure.scaled(max);
  }

  /**
   * The estimated bytes of contents to keep now: the rule's {@code max-bytes}, or {@link
   * Long#MAX_VALUE} when it sets none or is disabled. See {@link ByteBudget}.
   */
  public static long maxBytes(Rule rule) {
    if (!rule.enabled()) {
      return Long.MAX_VALUE;
    }
    long max = rule.limit(Limit.MAX_BYTES);
    return max == Limit.UNSET ? Long.MAX_VALUE : max;
  }

  /** Counts evictions made to keep within the bound. */
  public static void evicted(Rule rule, int count) {
    if (count > 0) {
      rule.count(Action.EVICTED, count);
    }
  }

  /** Counts entries dropped by {@link Bounded#trimTo}. */
  public static void trimmed(Rule rule, int count) {
    if (count > 0) {
      rule.count(Action.TRIMMED, count);
    }
  }
}
