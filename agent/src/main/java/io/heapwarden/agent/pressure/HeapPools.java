package io.heapwarden.agent.pressure;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the heap pools that hold long-lived objects: their usage after a collection is the live
 * set, while young pools fill and empty with every allocation burst. Names as HotSpot reports them
 * (checked on JDK 17 and 25): G1 "G1 Old Gen", Parallel "PS Old Gen", Serial "Tenured Gen", ZGC
 * "ZHeap" (non-generational, JDK 17-23) and "ZGC Old Generation" (generational, JDK 21+),
 * Shenandoah "Shenandoah", CMS "CMS Old Gen".
 */
final class HeapPools {
  static final Set<String> KNOWN =
      Set.of(
          "G1 Old Gen",
          "PS Old Gen",
          "Tenured Gen",
          "ZHeap",
          "ZGC Old Generation",
          "Shenandoah",
          "Shenandoah Old Gen",
          "CMS Old Gen");

  private HeapPools() {}

  /** The long-lived heap pools among {@code pools}; empty when none can be told. */
  static List<MemoryPoolMXBean> longLived(List<MemoryPoolMXBean> pools) {
    List<String> heapNames = new ArrayList<>();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        heap.add(pool);
        heapNames.add(pool.getName());
      }
    }
    List<MemoryPoolMXBean> chosen = new ArrayList<>();
    for (MemoryPoolMXBean pool : heap) {
      if (isLongLived(pool.getName(), heapNames)) {
        chosen.add(pool);
      }
    }
    return chosen;
  }

  /**
   * Whether the pool named {@code name}, one of the heap pools {@code heapNames}, is long-lived: a
   * known name, else an "old" or "tenured" one, else the only heap pool there is.
   */
  static boolean isLongLived(String name, List<String> heapNames) {
    if (KNOWN.contains(name)) {
      return true;
    }
    for (String other : heapNames) {
      if (KNOWN.contains(other)) {
        return false; // a known collector: its other pools are young
      }
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("old") || lower.contains("tenured") || heapNames.size() == 1;
  }
}
