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

  /**
   * The heap pools that are neither long-lived nor where new objects are allocated: the survivor
   * spaces (G1, Parallel, Serial). Eden ("Eden", and generational ZGC's "Young Generation", which
   * holds its allocation) is left out: it fills and empties with every burst of allocation.
   */
  static MemoryPoolMXBean[] survivors(
      List<MemoryPoolMXBean> all, List<MemoryPoolMXBean> longLived) {
    List<MemoryPoolMXBean> chosen = new ArrayList<>();
    for (MemoryPoolMXBean pool : all) {
      String name = pool.getName();
      if (pool.getType() == MemoryType.HEAP
          && !longLived.contains(pool)
          && !name.contains("Eden")
          && !name.contains("Young")) {
        chosen.add(pool);
      }
    }
    return chosen.toArray(new MemoryPoolMXBean[0]);
  }

  /**
   * The heap reading after a collection: the larger of the long-lived pools' share of their maximum
   * and the whole heap's share of its maximum. The first matters where the old generation is a part
   * of the heap (Parallel, Serial: it fills, and the JVM throws, long before the heap does), the
   * second where young objects that survived are the growth (G1's survivors during a spike).
   */
  static double reading(long oldUsed, long oldMax, long heapUsed, long heapMax) {
    double old = oldMax > 0 ? (double) oldUsed / oldMax : -1;
    double heap = heapMax > 0 ? (double) heapUsed / heapMax : -1;
    return Math.max(old, heap);
  }

  /**
   * Whether a collection by {@code gcName} (its {@code action}) reclaimed old objects, so that the
   * usage after it is the live set: a full or old collection ("end of major GC": G1 Old Generation,
   * PS MarkSweep, MarkSweepCompact), or a whole-heap cycle (ZGC Cycles, ZGC Major Cycles,
   * Shenandoah Cycles). Young collections (G1 Young Generation, also for mixed ones; PS Scavenge;
   * Copy; ZGC Minor Cycles) leave old garbage in place.
   */
  static boolean settles(String gcName, String action) {
    if (action != null && action.contains("major")) {
      return true;
    }
    return gcName.equals("ZGC Cycles")
        || gcName.equals("ZGC Major Cycles")
        || gcName.equals("Shenandoah Cycles");
  }

  /**
   * Collectors that report pauses within a concurrent cycle (ZGC, Shenandoah): their usage "after"
   * is mid-cycle, garbage included; the cycle's own notification is the reading.
   */
  static boolean isPauseOnly(String gcName) {
    return gcName.endsWith(" Pauses");
  }
}
